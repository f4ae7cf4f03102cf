using System.Text.Json.Serialization;
using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Queues;

/// <summary>A session waiting in a queue shard, with what decides its priority and where it was last told it stands.</summary>
public sealed class WaitingSession
{
    public string SessionId { get; set; } = string.Empty;

    [JsonIgnore]
    public HandoffSummary Summary { get; set; } = null!;

    /// <summary>
    /// The summary as stored: without its last messages, which would make a busy shard's state (written every
    /// <c>SaveDelay</c>) large. After a restart an offer shows intent, sentiment, order and reason; the assignment
    /// carries the session's own full summary.
    /// </summary>
    [JsonPropertyName("summary")]
    public HandoffSummary StoredSummary
    {
        get => Summary with { LastMessages = [] };
        set => Summary = value;
    }

    /// <summary>When the session first asked for a person (waiting time counts from here, across overflow).</summary>
    public DateTimeOffset EnqueuedAt { get; set; }

    /// <summary>When it arrived in this shard (overflow counts from here).</summary>
    public DateTimeOffset ArrivedAt { get; set; }

    public int PriorityBoost { get; set; }

    /// <summary>Boosts added by escalations while waiting.</summary>
    public int Escalation { get; set; }

    public bool Angry { get; set; }

    public bool SlaAtRisk { get; set; }

    /// <summary>Agents who declined or let an offer of this session expire: not offered it again while anyone else serves the queue.</summary>
    public List<string> Excluded { get; set; } = [];

    /// <summary>When overflow to the general queue is tried again after it refused.</summary>
    public DateTimeOffset? OverflowRetryAt { get; set; }

    // What the customer was last told: not persisted (after a restart the shard simply tells everyone again).
    [JsonIgnore]
    public int LastPosition { get; set; }

    [JsonIgnore]
    public int LastEtaSeconds { get; set; }

    [JsonIgnore]
    public DateTimeOffset? LastPushedAt { get; set; }
}
