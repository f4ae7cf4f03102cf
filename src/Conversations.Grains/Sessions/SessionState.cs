using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Sla;

namespace Conversations.Grains.Sessions;

/// <summary>
/// What a session keeps durably besides its transcript: who and where, status, queue and agent, SLA
/// clocks, CSAT and subscribers. Written on lifecycle changes, never per message — the transcript
/// store is the source of truth for events, seq and deduplication.
/// </summary>
public sealed class SessionState
{
    public string? CustomerId { get; set; }

    public string Channel { get; set; } = string.Empty;

    public string Language { get; set; } = "en";

    public string Tier { get; set; } = CustomerTiers.Regular;

    public string? OrderId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public SessionStatus Status { get; set; }

    /// <summary>When the current status began (idle timeouts count from it at the earliest).</summary>
    public DateTimeOffset StatusSince { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? Queue { get; set; }

    public DateTimeOffset? QueuedAt { get; set; }

    /// <summary>Priority the session carries into its queue beyond what routing derives from tier and anger.</summary>
    public int PriorityBoost { get; set; }

    /// <summary>Times the session went to a queue; zero means the bot contained it.</summary>
    public int Handoffs { get; set; }

    public HandoffSummary? Summary { get; set; }

    public string? AgentId { get; set; }

    public string? AgentName { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    public string? Resolution { get; set; }

    public string? Intent { get; set; }

    public string? Sentiment { get; set; }

    /// <summary>The latest intents and sentiments, oldest first (bounded).</summary>
    public List<string> IntentTrail { get; set; } = [];

    public List<string> SentimentTrail { get; set; } = [];

    public int LowConfidenceStreak { get; set; }

    public SlaState Sla { get; set; } = new();

    public CsatRating? Csat { get; set; }

    public List<Subscriber> Subscribers { get; set; } = [];

    /// <summary>The due time of the registered "idle" reminder, if one is registered.</summary>
    public DateTimeOffset? IdleArmedFor { get; set; }
}
