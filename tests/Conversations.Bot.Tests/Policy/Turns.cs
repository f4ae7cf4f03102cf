using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Sessions;
using Conversations.Bot.Policy;

namespace Conversations.Bot.Tests.Policy;

/// <summary>What a customer would read in a bot turn: its messages, its quick replies, its order card.</summary>
public static class Turns
{
    /// <summary>All message texts of the turn (quick-reply prompts included), in order.</summary>
    public static string Text(this BotTurn turn) =>
        string.Join("\n", turn.Replies.Where(r => r.Kind is EventKinds.Message or EventKinds.QuickReplies && r.Text is not null).Select(r => r.Text));

    public static string FirstMessage(this BotTurn turn) => turn.Replies.First(r => r.Kind == EventKinds.Message).Text!;

    public static IReadOnlyList<QuickReplyOption> Options(this BotTurn turn) =>
        turn.Replies.Where(r => r.Kind == EventKinds.QuickReplies).SelectMany(r => BotReplies.OptionsOf(r.Data)).ToList();

    public static OrderCard? Card(this BotTurn turn) =>
        turn.Replies.Where(r => r.Kind == EventKinds.OrderCard).Select(r => BotReplies.OrderOf(r.Data)).FirstOrDefault();
}
