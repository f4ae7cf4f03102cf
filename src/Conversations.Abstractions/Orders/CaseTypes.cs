namespace Conversations.Abstractions.Orders;

/// <summary>Kinds of after-sales cases.</summary>
public static class CaseTypes
{
    public const string Return = "return";
    public const string Exchange = "exchange";
    public const string Refund = "refund";
    public const string Repair = "repair";
    public const string Reship = "reship";
    public const string Dispute = "dispute";

    public static readonly IReadOnlyList<string> All = [Return, Exchange, Refund, Repair, Reship, Dispute];
}
