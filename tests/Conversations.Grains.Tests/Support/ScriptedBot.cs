using System.Collections.Concurrent;
using System.Text.Json;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Tests.Support;

/// <summary>
/// A deterministic <see cref="IConversationBot"/> for grain tests: answers from a script keyed by the
/// exact message text (case-insensitive, trimmed), and records what it was asked.
/// </summary>
/// <remarks>
/// Built-in lines:
/// <list type="bullet">
/// <item>"agent please" / "转人工" → handoff <c>customer_request</c> to <c>general</c>.</item>
/// <item>"where is my order" → a message reply (intent <c>order_status</c>).</item>
/// <item>"??" → a clarifying question with <c>LowConfidence</c> (the session counts the streak).</item>
/// <item>"this is outrageous" → angry; handoff <c>anger</c> to <c>general</c> with priority boost 20.</item>
/// <item>"i want to complain" → handoff <c>complaint</c> to <c>complaints</c>.</item>
/// <item>"my parcel arrived broken" → for a VIP or SVIP customer a handoff <c>vip_complex_issue</c> to
/// <c>aftersales</c>; for anyone else a message reply.</item>
/// <item>anything else → the message "Thanks, noted: &lt;text&gt;" (intent <c>other</c>).</item>
/// </list>
/// Personal data: it masks <see cref="Phone"/> to <see cref="MaskedPhone"/>, and nothing else.
/// Add or override lines with <see cref="On"/>.
/// </remarks>
public sealed class ScriptedBot : IConversationBot
{
    public const string AgentPlease = "agent please";
    public const string WhereIsMyOrder = "where is my order";
    public const string Unclear = "??";
    public const string Outrageous = "this is outrageous";
    public const string Complain = "i want to complain";
    public const string BrokenParcel = "my parcel arrived broken";

    public const string WelcomeText = "Hi! How can I help you today?";
    public const string WelcomeTextZh = "您好！请问有什么可以帮您？";
    public const string OrderAnswer = "Your order has shipped and should arrive tomorrow.";
    public const string ClarifyingQuestion = "Sorry, could you tell me a bit more?";

    /// <summary>The phone number the bot recognises as personal data, and what it masks it to.</summary>
    public const string Phone = "13812345678";
    public const string MaskedPhone = "138****5678";

    private readonly ConcurrentDictionary<string, Func<BotContext, BotTurn>> _script = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(BotContext Context, string Text)> _received = new();
    private int _welcomes;

    public ScriptedBot()
    {
        On(AgentPlease, _ => Handoff(HandoffReasons.CustomerRequest, "general", "human_agent", "neutral"));
        On("转人工", _ => Handoff(HandoffReasons.CustomerRequest, "general", "human_agent", "neutral"));
        On(WhereIsMyOrder, _ => Reply(OrderAnswer, "order_status"));
        On(Unclear, _ => new BotTurn([new BotReply(EventKinds.Message, ClarifyingQuestion)], Analysis("other", 0.3, "neutral"), null, null, LowConfidence: true));
        On(Outrageous, _ => Handoff(HandoffReasons.Anger, "general", "complaint", "angry", priorityBoost: 20, anger: 0.95));
        On(Complain, _ => Handoff(HandoffReasons.Complaint, "complaints", "complaint", "negative", priorityBoost: 10));
        On(BrokenParcel, context => context.Tier is CustomerTiers.Vip or CustomerTiers.Svip
            ? Handoff(HandoffReasons.VipComplexIssue, "aftersales", "damaged_or_wrong_item", "negative", priorityBoost: 15)
            : Reply("Sorry to hear that. I can arrange a replacement for you.", "damaged_or_wrong_item"));
    }

    /// <summary>Every customer message the bot answered, in order.</summary>
    public IReadOnlyList<(BotContext Context, string Text)> Received => [.. _received];

    /// <summary>How many welcomes the bot gave.</summary>
    public int Welcomes => Volatile.Read(ref _welcomes);

    /// <summary>Adds or replaces the answer to <paramref name="text"/>.</summary>
    public ScriptedBot On(string text, Func<BotContext, BotTurn> answer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentNullException.ThrowIfNull(answer);
        _script[text.Trim()] = answer;
        return this;
    }

    public Task<BotTurn> WelcomeAsync(BotContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interlocked.Increment(ref _welcomes);
        var zh = context.Language == "zh";
        var options = JsonSerializer.SerializeToElement(new { options = zh ? new[] { "我的订单到哪了", "退货退款" } : new[] { "Where is my order", "Returns and refunds" } });
        return Task.FromResult(new BotTurn(
            [new BotReply(EventKinds.Message, zh ? WelcomeTextZh : WelcomeText), new BotReply(EventKinds.QuickReplies, null, options)],
            null, null, context.OrderId, LowConfidence: false));
    }

    public Task<BotTurn> RespondAsync(BotContext context, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(text);
        _received.Enqueue((context, text));
        var turn = _script.TryGetValue(text.Trim(), out var answer) ? answer(context) : Reply($"Thanks, noted: {text}", "other");
        return Task.FromResult(turn);
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(BotContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<Suggestion> suggestions = [new Suggestion("Let me check that for you.", "scripted", 0.9)];
        return Task.FromResult(suggestions);
    }

    public string MaskPersonalData(string text) => text.Replace(Phone, MaskedPhone, StringComparison.Ordinal);

    public static BotTurn Reply(string text, string intent) =>
        new([new BotReply(EventKinds.Message, text)], Analysis(intent, 0.92, "neutral"), null, null, LowConfidence: false);

    public static BotTurn Handoff(string reason, string skill, string intent, string sentiment, int priorityBoost = 0, double anger = 0) =>
        new([], Analysis(intent, 0.9, sentiment, anger), new HandoffRequest(reason, skill, priorityBoost), null, LowConfidence: false);

    private static BotAnalysis Analysis(string intent, double confidence, string sentiment, double anger = 0) =>
        new(intent, confidence, sentiment, sentiment == "angry" ? -0.9 : 0, anger, "en");
}
