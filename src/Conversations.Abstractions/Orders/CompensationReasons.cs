namespace Conversations.Abstractions.Orders;

/// <summary>Why a <see cref="Compensation"/> is owed, as a stable word the bot can phrase in either language.</summary>
public static class CompensationReasons
{
    public const string LateShipping = "late_shipping";
    public const string LateDelivery = "late_delivery";
}
