namespace Conversations.Abstractions.Agents;

/// <summary>An agent's presence.</summary>
public enum AgentStatus
{
    Offline,
    Available,
    Away,
}
