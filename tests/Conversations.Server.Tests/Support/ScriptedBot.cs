using System.Text.Json;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Sessions;

namespace Conversations.Server.Tests.Support;

/// <summary>
/// A deterministic bot for server tests: a welcome with quick replies, a handoff for "agent please", an answer for
/// "where is my order", and "Echo: …" for anything else; one fixed suggestion for agents.
/// </summary>
public sealed class ScriptedBot : IConversationBot
{
    public const string AgentPlease = "agent please";
    public const string WhereIsMyOrder = "where is my order";
    public const string Welcome = "Hi! How can I help you today?";
    public const string OrderAnswer = "Your order has shipped and arrives tomorrow.";
    public const string Suggestion = "Let me check that for you.";

    public Task<BotTurn> WelcomeAsync(BotContext context, CancellationToken cancellationToken)
    {
        var options = JsonSerializer.SerializeToElement(new { options = new[] { "Where is my order", "Returns" } });
        return Task.FromResult(new BotTurn(
            [new BotReply(EventKinds.Message, Welcome), new BotReply(EventKinds.QuickReplies, null, options)],
            null, null, context.OrderId, LowConfidence: false));
    }

    public Task<BotTurn> RespondAsync(BotContext context, string text, CancellationToken cancellationToken)
    {
        var turn = text.Trim().ToLowerInvariant() switch
        {
            AgentPlease => new BotTurn([], Analysis("human_agent"), new HandoffRequest("customer_request", "general", 0), null, LowConfidence: false),
            WhereIsMyOrder => Reply(OrderAnswer, "order_status"),
            _ => Reply($"Echo: {text}", "other"),
        };
        return Task.FromResult(turn);
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(BotContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<Suggestion> suggestions = [new Suggestion(Suggestion, "scripted", 0.9)];
        return Task.FromResult(suggestions);
    }

    private static BotTurn Reply(string text, string intent) =>
        new([new BotReply(EventKinds.Message, text)], Analysis(intent), null, null, LowConfidence: false);

    private static BotAnalysis Analysis(string intent) => new(intent, 0.9, "neutral", 0, 0, "en");
}
