using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Sessions;

namespace Conversations.Benchmarks.Quick;

/// <summary>A bot that answers every message with one line, so the domain benchmark measures the session path, not NLU.</summary>
public sealed class EchoBot : IConversationBot
{
    private static readonly BotAnalysis Analysis = new("order_status", 0.95, "neutral", 0, 0, "en");

    public Task<BotTurn> WelcomeAsync(BotContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new BotTurn([new BotReply(EventKinds.Message, "Hi! How can I help?")], null, null, null, false));

    public Task<BotTurn> RespondAsync(BotContext context, string text, CancellationToken cancellationToken) =>
        Task.FromResult(new BotTurn([new BotReply(EventKinds.Message, "Your order is on its way.")], Analysis, null, null, false));

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(BotContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Suggestion>>([]);
}
