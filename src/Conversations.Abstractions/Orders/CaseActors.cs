namespace Conversations.Abstractions.Orders;

/// <summary>
/// How the <c>actor</c> of <see cref="IOrderGrain.AdvanceCase"/> is written: <c>customer:&lt;id&gt;</c>,
/// <c>agent:&lt;id&gt;</c>, <c>admin:&lt;id&gt;</c>, <c>bot</c> or <c>system</c>. A customer actor may only
/// act on their own order, and only to cancel their request.
/// </summary>
public static class CaseActors
{
    public const string CustomerPrefix = "customer:";
    public const string AgentPrefix = "agent:";
    public const string AdminPrefix = "admin:";
    public const string Bot = "bot";
    public const string System = "system";

    public static string Customer(string customerId) => CustomerPrefix + customerId;

    public static string Agent(string agentId) => AgentPrefix + agentId;

    public static string Admin(string adminId) => AdminPrefix + adminId;

    /// <summary>The customer id of a <c>customer:&lt;id&gt;</c> actor, or null for anyone else.</summary>
    public static string? CustomerIdOf(string actor) =>
        actor.StartsWith(CustomerPrefix, StringComparison.Ordinal) ? actor[CustomerPrefix.Length..] : null;
}
