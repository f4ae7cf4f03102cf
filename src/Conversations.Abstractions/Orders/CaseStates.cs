namespace Conversations.Abstractions.Orders;

/// <summary>States of after-sales cases; which apply to which case type is in <c>Conversations.Grains.Orders.CaseWorkflow</c>.</summary>
public static class CaseStates
{
    public const string Requested = "requested";
    public const string Opened = "opened";
    public const string Approved = "approved";
    public const string Received = "received";
    public const string Inspecting = "inspecting";
    public const string Repairing = "repairing";
    public const string Returned = "returned";
    public const string Reshipped = "reshipped";
    public const string Refunded = "refunded";
    public const string Investigating = "investigating";
    public const string Resolved = "resolved";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All =
        [Requested, Opened, Approved, Received, Inspecting, Repairing, Returned, Reshipped, Refunded, Investigating, Resolved, Rejected, Cancelled, Closed];

    /// <summary>States a case never leaves; a case in any other state counts as open.</summary>
    public static bool IsFinal(string state) => state is Closed or Rejected or Cancelled;
}
