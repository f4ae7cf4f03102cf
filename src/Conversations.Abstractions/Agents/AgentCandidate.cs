namespace Conversations.Abstractions.Agents;

/// <summary>What a queue shard knows of an agent who serves it: enough to choose, longest-idle first, among those with room.</summary>
public sealed record AgentCandidate(string AgentId, IReadOnlyList<string> Skills, IReadOnlyList<string> Languages, int FreeCapacity, DateTimeOffset IdleSince);
