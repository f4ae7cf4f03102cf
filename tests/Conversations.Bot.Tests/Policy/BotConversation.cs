using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Sessions;
using Conversations.Bot.Policy;

namespace Conversations.Bot.Tests.Policy;

/// <summary>
/// Plays the session's part around the bot: keeps the transcript the bot reads back (customer messages and
/// the bot's own replies), the order the conversation is about, and the low-confidence streak.
/// </summary>
public sealed class BotConversation
{
    private const int ContextEvents = 10;

    private readonly ShopBot _bot;
    private readonly List<ConversationEvent> _events = [];

    public BotConversation(ShopBot bot, string customerId, string language, string tier, string? orderId)
    {
        _bot = bot;
        CustomerId = customerId;
        Language = language;
        Tier = tier;
        OrderId = orderId;
        SessionId = "s-" + customerId;
    }

    public string SessionId { get; }

    public string CustomerId { get; }

    public string Language { get; }

    public string Tier { get; }

    public string? OrderId { get; private set; }

    public int LowConfidenceStreak { get; private set; }

    /// <summary>The session's configured limit of unsure answers in a row, passed to the bot as a session does.</summary>
    public int LowConfidenceLimit { get; init; } = BotContext.DefaultLowConfidenceLimit;

    public IReadOnlyList<ConversationEvent> Events => _events;

    public BotContext Context => new(SessionId, CustomerId, Language, Tier, "web", OrderId, LowConfidenceStreak,
        _events.Skip(Math.Max(0, _events.Count - ContextEvents)).ToList(), LowConfidenceLimit);

    public async Task<BotTurn> WelcomeAsync()
    {
        var turn = await _bot.WelcomeAsync(Context, CancellationToken.None);
        Record(turn);
        return turn;
    }

    public async Task<BotTurn> SayAsync(string text)
    {
        _events.Add(new ConversationEvent(SessionId, _events.Count + 1, EventKinds.Message, new Sender(SenderRoles.Customer, CustomerId), text, DateTimeOffset.UnixEpoch));
        var turn = await _bot.RespondAsync(Context, text, CancellationToken.None);
        Record(turn);
        if (turn.OrderId is not null) OrderId = turn.OrderId;
        LowConfidenceStreak = turn.Handoff is not null ? 0 : turn.LowConfidence ? LowConfidenceStreak + 1 : 0;
        return turn;
    }

    /// <summary>Taps the quick reply whose label contains <paramref name="label"/> in the bot's latest options.</summary>
    public Task<BotTurn> TapAsync(string label)
    {
        var options = _events.Last(e => e.Kind == EventKinds.QuickReplies);
        var option = BotReplies.OptionsOf(options.Data).First(o => o.Label.Contains(label, StringComparison.Ordinal));
        return SayAsync(option.Text);
    }

    private void Record(BotTurn turn)
    {
        foreach (var reply in turn.Replies)
        {
            _events.Add(new ConversationEvent(SessionId, _events.Count + 1, reply.Kind, new Sender(SenderRoles.Bot), reply.Text, DateTimeOffset.UnixEpoch, reply.Data));
        }
    }
}
