using System.Collections.Frozen;
using Conversations.Abstractions.Orders;

namespace Conversations.Grains.Orders;

/// <summary>
/// The after-sales state machines, in one table: for each case type, its first state and which action
/// moves which state where. Any move not listed is refused (E_CONFLICT) and changes nothing.
/// </summary>
/// <remarks>
/// <code>
/// type      from            action       to
/// ────────  ──────────────  ───────────  ─────────────
/// return    requested       approve      approved        return address / pickup given to the customer
///           requested       reject       rejected
///           requested       cancel       cancelled       the customer withdraws
///           approved        receive      received        warehouse has it; refund promised within 24 h
///           approved        cancel       cancelled       the customer keeps the item after all
///           received        refund       refunded
///           received        reject       rejected        warehouse check failed (worn, tags removed…); item sent back
///           refunded        close        closed
/// exchange  requested       approve      approved
///           requested       reject       rejected
///           requested       cancel       cancelled
///           approved        receive      received        new item promised within the reship time
///           approved        cancel       cancelled
///           received        ship         reshipped       the replacement is on its way
///           reshipped       close        closed
/// refund    requested       refund       refunded        unshipped / out of stock / price protection
///           requested       reject       rejected
///           requested       cancel       cancelled
///           refunded        close        closed
/// repair    requested       inspect      inspecting      item collected; inspection promised within 5 working days
///           requested       reject       rejected
///           requested       cancel       cancelled
///           inspecting      repair       repairing
///           inspecting      reject       rejected        fault caused by misuse, or the customer declines the quote
///           repairing       ship         returned        repaired item sent back with the report
///           returned        close        closed
/// reship    requested       ship         reshipped       missing / wrong / damaged: send first, claim from the carrier later
///           requested       reject       rejected
///           requested       cancel       cancelled
///           reshipped       close        closed
/// dispute   opened          investigate  investigating
///           opened          cancel       cancelled
///           investigating   resolve      resolved
///           resolved        close        closed
/// </code>
/// closed, rejected and cancelled are final; a case in any other state is open, and an order has at
/// most one open case of each type. A customer may only <c>cancel</c>; every other action is the shop's.
/// </remarks>
public static class CaseWorkflow
{
    private static readonly FrozenDictionary<string, string> s_initial = new Dictionary<string, string>
    {
        [CaseTypes.Return] = CaseStates.Requested,
        [CaseTypes.Exchange] = CaseStates.Requested,
        [CaseTypes.Refund] = CaseStates.Requested,
        [CaseTypes.Repair] = CaseStates.Requested,
        [CaseTypes.Reship] = CaseStates.Requested,
        [CaseTypes.Dispute] = CaseStates.Opened,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<(string Type, string From, string Action), string> s_moves = Build(
        (CaseTypes.Return, CaseStates.Requested, CaseActions.Approve, CaseStates.Approved),
        (CaseTypes.Return, CaseStates.Requested, CaseActions.Reject, CaseStates.Rejected),
        (CaseTypes.Return, CaseStates.Requested, CaseActions.Cancel, CaseStates.Cancelled),
        (CaseTypes.Return, CaseStates.Approved, CaseActions.Receive, CaseStates.Received),
        (CaseTypes.Return, CaseStates.Approved, CaseActions.Cancel, CaseStates.Cancelled),
        (CaseTypes.Return, CaseStates.Received, CaseActions.Refund, CaseStates.Refunded),
        (CaseTypes.Return, CaseStates.Received, CaseActions.Reject, CaseStates.Rejected),
        (CaseTypes.Return, CaseStates.Refunded, CaseActions.Close, CaseStates.Closed),

        (CaseTypes.Exchange, CaseStates.Requested, CaseActions.Approve, CaseStates.Approved),
        (CaseTypes.Exchange, CaseStates.Requested, CaseActions.Reject, CaseStates.Rejected),
        (CaseTypes.Exchange, CaseStates.Requested, CaseActions.Cancel, CaseStates.Cancelled),
        (CaseTypes.Exchange, CaseStates.Approved, CaseActions.Receive, CaseStates.Received),
        (CaseTypes.Exchange, CaseStates.Approved, CaseActions.Cancel, CaseStates.Cancelled),
        (CaseTypes.Exchange, CaseStates.Received, CaseActions.Ship, CaseStates.Reshipped),
        (CaseTypes.Exchange, CaseStates.Reshipped, CaseActions.Close, CaseStates.Closed),

        (CaseTypes.Refund, CaseStates.Requested, CaseActions.Refund, CaseStates.Refunded),
        (CaseTypes.Refund, CaseStates.Requested, CaseActions.Reject, CaseStates.Rejected),
        (CaseTypes.Refund, CaseStates.Requested, CaseActions.Cancel, CaseStates.Cancelled),
        (CaseTypes.Refund, CaseStates.Refunded, CaseActions.Close, CaseStates.Closed),

        (CaseTypes.Repair, CaseStates.Requested, CaseActions.Inspect, CaseStates.Inspecting),
        (CaseTypes.Repair, CaseStates.Requested, CaseActions.Reject, CaseStates.Rejected),
        (CaseTypes.Repair, CaseStates.Requested, CaseActions.Cancel, CaseStates.Cancelled),
        (CaseTypes.Repair, CaseStates.Inspecting, CaseActions.Repair, CaseStates.Repairing),
        (CaseTypes.Repair, CaseStates.Inspecting, CaseActions.Reject, CaseStates.Rejected),
        (CaseTypes.Repair, CaseStates.Repairing, CaseActions.Ship, CaseStates.Returned),
        (CaseTypes.Repair, CaseStates.Returned, CaseActions.Close, CaseStates.Closed),

        (CaseTypes.Reship, CaseStates.Requested, CaseActions.Ship, CaseStates.Reshipped),
        (CaseTypes.Reship, CaseStates.Requested, CaseActions.Reject, CaseStates.Rejected),
        (CaseTypes.Reship, CaseStates.Requested, CaseActions.Cancel, CaseStates.Cancelled),
        (CaseTypes.Reship, CaseStates.Reshipped, CaseActions.Close, CaseStates.Closed),

        (CaseTypes.Dispute, CaseStates.Opened, CaseActions.Investigate, CaseStates.Investigating),
        (CaseTypes.Dispute, CaseStates.Opened, CaseActions.Cancel, CaseStates.Cancelled),
        (CaseTypes.Dispute, CaseStates.Investigating, CaseActions.Resolve, CaseStates.Resolved),
        (CaseTypes.Dispute, CaseStates.Resolved, CaseActions.Close, CaseStates.Closed));

    /// <summary>Actions a customer may take on their own case; the rest belong to agents, admins and the system.</summary>
    public static IReadOnlyList<string> CustomerActions { get; } = [CaseActions.Cancel];

    /// <summary>The state a new case of <paramref name="type"/> starts in.</summary>
    public static string InitialState(string type) =>
        s_initial.TryGetValue(type, out var state) ? state : throw new ArgumentException($"Unknown case type '{type}'.", nameof(type));

    /// <summary>Where <paramref name="action"/> takes a <paramref name="type"/> case in <paramref name="state"/>, if it may.</summary>
    public static bool TryMove(string type, string state, string action, out string to) =>
        s_moves.TryGetValue((type, state, action), out to!);

    /// <summary>The actions a <paramref name="type"/> case in <paramref name="state"/> allows, in <see cref="CaseActions.All"/> order (none when final).</summary>
    public static IReadOnlyList<string> AllowedActions(string type, string state) =>
        [.. CaseActions.All.Where(action => s_moves.ContainsKey((type, state, action)))];

    private static FrozenDictionary<(string, string, string), string> Build(params (string Type, string From, string Action, string To)[] moves) =>
        moves.ToFrozenDictionary(m => (m.Type, m.From, m.Action), m => m.To);
}
