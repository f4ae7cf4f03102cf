using Conversations.Abstractions.Sessions;

namespace Conversations.Abstractions.Bot;

/// <summary>
/// What the bot knows of the conversation when it answers. <see cref="LowConfidenceStreak"/> counts the clarifying
/// questions just asked in a row; the session hands off when the streak reaches <see cref="LowConfidenceLimit"/>
/// (its configured limit), so a bot that knows the limit can say so in the turn that reaches it.
/// </summary>
public sealed record BotContext(
    string SessionId,
    string CustomerId,
    string Language,
    string Tier,
    string Channel,
    string? OrderId,
    int LowConfidenceStreak,
    IReadOnlyList<ConversationEvent> Recent,
    int LowConfidenceLimit = BotContext.DefaultLowConfidenceLimit)
{
    /// <summary>Unsure answers in a row that hand a conversation to a person unless configured otherwise.</summary>
    public const int DefaultLowConfidenceLimit = 2;
}
