namespace Conversations.Abstractions.Sessions;

/// <summary>What an agent gets on accepting: the session, its summary and its history so far.</summary>
public sealed record AssignmentResult(string SessionId, HandoffSummary Summary, IReadOnlyList<ConversationEvent> History);
