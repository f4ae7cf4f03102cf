namespace Conversations.Abstractions.Sessions;

/// <summary>
/// What the agent sees before accepting (PROTOCOL.md <c>summary</c>): who, what about, how they feel,
/// why the bot handed over, the last messages, and any earlier contact about the same order.
/// </summary>
public sealed record HandoffSummary(
    string CustomerId,
    string Tier,
    string Language,
    string Channel,
    string Intent,
    string Sentiment,
    string? OrderId,
    string Reason,
    IReadOnlyList<ConversationEvent> LastMessages,
    string? Note = null,
    string? PreviousSessionId = null);
