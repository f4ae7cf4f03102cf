using Conversations.Abstractions.Sessions;

namespace Conversations.Abstractions.Bot;

/// <summary>What the bot knows of the conversation when it answers.</summary>
public sealed record BotContext(
    string SessionId,
    string CustomerId,
    string Language,
    string Tier,
    string Channel,
    string? OrderId,
    int LowConfidenceStreak,
    IReadOnlyList<ConversationEvent> Recent);
