namespace Conversations.Abstractions.Orders;

/// <summary>
/// Common carrier statuses of <see cref="LogisticsEvent"/>. Carriers send others too; any lower-case
/// snake_case word is accepted, but <see cref="Delivered"/> and the scans before it drive the order's status.
/// </summary>
public static class LogisticsStatuses
{
    public const string PickedUp = "picked_up";
    public const string InTransit = "in_transit";
    public const string OutForDelivery = "out_for_delivery";
    public const string Delivered = "delivered";
    public const string Exception = "exception";
    public const string ReturnedToSender = "returned_to_sender";

    public static readonly IReadOnlyList<string> Known = [PickedUp, InTransit, OutForDelivery, Delivered, Exception, ReturnedToSender];
}
