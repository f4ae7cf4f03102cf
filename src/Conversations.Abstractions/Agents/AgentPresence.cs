namespace Conversations.Abstractions.Agents;

/// <summary>What an agent brings online: the skills, languages and number of conversations they take now.</summary>
public sealed record AgentPresence(IReadOnlyList<string> Skills, IReadOnlyList<string> Languages, int Capacity);
