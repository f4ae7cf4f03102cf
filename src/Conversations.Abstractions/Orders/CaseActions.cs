namespace Conversations.Abstractions.Orders;

/// <summary>What can be done to an after-sales case (<see cref="IOrderGrain.AdvanceCase"/>); each state allows a few.</summary>
public static class CaseActions
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Receive = "receive";
    public const string Refund = "refund";
    public const string Ship = "ship";
    public const string Inspect = "inspect";
    public const string Repair = "repair";
    public const string Investigate = "investigate";
    public const string Resolve = "resolve";
    public const string Close = "close";

    /// <summary>The customer withdraws the request before the shop has acted on the goods.</summary>
    public const string Cancel = "cancel";

    /// <summary>The action of a case's first transition (from "" to its initial state); not accepted by AdvanceCase.</summary>
    public const string Open = "open";

    /// <summary>The actions AdvanceCase accepts.</summary>
    public static readonly IReadOnlyList<string> All = [Approve, Reject, Receive, Refund, Ship, Inspect, Repair, Investigate, Resolve, Close, Cancel];
}
