namespace Conversations.Abstractions.Agents;

/// <summary>An agent's state for the console and ops view, with handle-time figures.</summary>
public sealed record AgentSnapshot(
    string AgentId,
    string Name,
    AgentStatus Status,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Languages,
    int Capacity,
    IReadOnlyList<string> ActiveSessions,
    IReadOnlyList<string> PendingOffers,
    int ExpiredOffersInARow,
    int ResolvedSessions,
    double AverageHandleSeconds,
    DateTimeOffset? IdleSince);
