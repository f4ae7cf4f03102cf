using Conversations.Abstractions.Sessions;

namespace Conversations.Abstractions.Agents;

/// <summary>Pushed to every connection of an agent when a session becomes theirs.</summary>
public sealed record SessionAssigned(string SessionId, HandoffSummary Summary);
