namespace Conversations.Abstractions.Agents;

/// <summary>An agent as the admin API defines them (<c>PUT /api/agents/{id}</c>).</summary>
public sealed record AgentProfile(string Name, IReadOnlyList<string> Skills, IReadOnlyList<string> Languages, int Capacity);
