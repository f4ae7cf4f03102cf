namespace Conversations.Abstractions.Customers;

/// <summary>Context across sessions: profile, the open session, recent sessions and the customer's orders, newest first.</summary>
public sealed record CustomerContext(
    string CustomerId,
    CustomerProfile Profile,
    string? OpenSessionId,
    IReadOnlyList<SessionMemory> RecentSessions,
    IReadOnlyList<string> RecentIntents,
    IReadOnlyList<string> OrderIds);
