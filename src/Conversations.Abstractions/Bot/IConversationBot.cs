using Conversations.Abstractions.Sessions;

namespace Conversations.Abstractions.Bot;

/// <summary>
/// The bot as a session sees it: a welcome, an answer to each customer message (possibly asking for a
/// handoff), and reply suggestions for agents. The product wires the real bot; grain tests a scripted one.
/// </summary>
public interface IConversationBot
{
    /// <summary>The first events of a new session: a greeting and quick replies for the common questions.</summary>
    Task<BotTurn> WelcomeAsync(BotContext context, CancellationToken cancellationToken);

    Task<BotTurn> RespondAsync(BotContext context, string text, CancellationToken cancellationToken);

    /// <summary>Ranked reply suggestions for the agent handling the session.</summary>
    Task<IReadOnlyList<Suggestion>> SuggestAsync(BotContext context, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="text"/> with the personal data the bot recognises (phone numbers, e-mail addresses) masked,
    /// for text the session copies into handoff summaries. A bot that recognises none returns it unchanged.
    /// </summary>
    string MaskPersonalData(string text) => text;
}
