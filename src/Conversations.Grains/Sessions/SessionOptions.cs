using Conversations.Abstractions.Bot;

namespace Conversations.Grains.Sessions;

/// <summary>Conversation settings (configuration section <c>Conversations:Sessions</c>): idle timeouts, handoff rules, priorities.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Conversations:Sessions";

    /// <summary>A customer silent this long while with the bot has the session closed.</summary>
    public TimeSpan BotIdleClose { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A customer silent this long while waiting in a queue has the session marked abandoned.</summary>
    public TimeSpan QueueAbandonAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A resolved session the customer does not come back to is closed after this long.</summary>
    public TimeSpan ResolvedCloseAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Unsure bot answers in a row after which the session hands off (reason <c>low_confidence</c>), whatever the bot
    /// says; the bot is told the limit in its context, so it hands off itself in the turn that reaches it.
    /// </summary>
    public int LowConfidenceLimit { get; set; } = BotContext.DefaultLowConfidenceLimit;

    /// <summary>Messages shown to the agent in the handoff summary.</summary>
    public int SummaryMessages { get; set; } = 6;

    /// <summary>Recent events the bot sees with each message.</summary>
    public int BotContextEvents { get; set; } = 10;

    /// <summary>Events returned to an agent on accepting (the most recent ones).</summary>
    public int AssignmentHistoryEvents { get; set; } = 200;

    /// <summary>Priority gained by a session whose agent went offline.</summary>
    public int AgentLeftPriorityBoost { get; set; } = 25;

    /// <summary>While queued, the bot reminds a customer who writes that they are in the queue at most this often.</summary>
    public TimeSpan QueueNoticeInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Connections pushed to at once; the oldest is dropped beyond it.</summary>
    public int MaxSubscribers { get; set; } = 16;

    public void Validate()
    {
        if (BotIdleClose < TimeSpan.FromSeconds(1)) throw Invalid(nameof(BotIdleClose), "must be at least 1 second");
        if (QueueAbandonAfter < TimeSpan.FromSeconds(1)) throw Invalid(nameof(QueueAbandonAfter), "must be at least 1 second");
        if (ResolvedCloseAfter < TimeSpan.FromSeconds(1)) throw Invalid(nameof(ResolvedCloseAfter), "must be at least 1 second");
        if (LowConfidenceLimit < 1) throw Invalid(nameof(LowConfidenceLimit), "must be at least 1");
        if (SummaryMessages is < 1 or > 50) throw Invalid(nameof(SummaryMessages), "must be between 1 and 50");
        if (BotContextEvents is < 1 or > 100) throw Invalid(nameof(BotContextEvents), "must be between 1 and 100");
        if (AssignmentHistoryEvents is < 1 or > 1000) throw Invalid(nameof(AssignmentHistoryEvents), "must be between 1 and 1000");
        if (AgentLeftPriorityBoost < 0) throw Invalid(nameof(AgentLeftPriorityBoost), "must not be negative");
        if (QueueNoticeInterval < TimeSpan.Zero) throw Invalid(nameof(QueueNoticeInterval), "must not be negative");
        if (MaxSubscribers is < 1 or > 1000) throw Invalid(nameof(MaxSubscribers), "must be between 1 and 1000");
    }

    private static ArgumentException Invalid(string key, string problem) => new($"Configuration '{SectionName}:{key}' {problem}.", key);
}
