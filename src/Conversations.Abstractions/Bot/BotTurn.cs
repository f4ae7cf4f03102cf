namespace Conversations.Abstractions.Bot;

/// <summary>
/// The bot's answer to one message: replies to append, what it understood, and whether it hands the
/// conversation to a person. <see cref="LowConfidence"/> marks a clarifying question (the session counts them).
/// </summary>
public sealed record BotTurn(
    IReadOnlyList<BotReply> Replies,
    BotAnalysis? Analysis,
    HandoffRequest? Handoff,
    string? OrderId,
    bool LowConfidence);
