using System.Diagnostics.Metrics;
using Conversations.Abstractions.Stats;

namespace Conversations.Grains.Stats;

/// <summary>
/// Per-silo counters and gauges of the conversation domain, exported through the <c>Conversations.Domain</c> meter
/// and reported to the cluster's figures (<c>/api/stats</c>) by <see cref="StatsPublisher"/> through <see cref="Counts"/>.
/// </summary>
public sealed class ConversationStats : IDisposable
{
    public const string MeterName = "Conversations.Domain";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _sessionsStarted;
    private readonly Counter<long> _sessionsEnded;
    private readonly Counter<long> _handoffs;
    private readonly Counter<long> _messagesStored;
    private readonly Counter<long> _slaWarnings;
    private readonly Counter<long> _slaBreaches;
    private readonly Histogram<double> _firstResponse;
    private readonly Histogram<double> _handleTime;
    private readonly Histogram<int> _csat;

    private long _active;
    private long _queued;
    private long _agentsOnline;
    private long _started;
    private long _ended;
    private long _contained;
    private long _handoffCount;
    private long _messageCount;
    private long _warningCount;
    private long _breachCount;
    private long _firstResponseCount;
    private long _firstResponseTicks;
    private long _handledCount;
    private long _handledTicks;
    private long _csatCount;
    private long _csatSum;

    /// <summary>Stats with a meter of their own (tests, tools).</summary>
    public ConversationStats() : this(new Meter(MeterName), ownsMeter: true)
    {
    }

    /// <summary>Stats whose meter comes from the host's factory, so exporters find it.</summary>
    public ConversationStats(IMeterFactory meterFactory)
        : this((meterFactory ?? throw new ArgumentNullException(nameof(meterFactory))).Create(MeterName), ownsMeter: false)
    {
    }

    private ConversationStats(Meter meter, bool ownsMeter)
    {
        _meter = meter;
        _ownsMeter = ownsMeter;
        _sessionsStarted = meter.CreateCounter<long>("conversations.sessions.started", description: "Sessions opened.");
        _sessionsEnded = meter.CreateCounter<long>("conversations.sessions.ended", description: "Sessions closed, resolved or abandoned; tagged by whether the bot contained them.");
        _handoffs = meter.CreateCounter<long>("conversations.handoffs", description: "Conversations handed to a person.");
        _messagesStored = meter.CreateCounter<long>("conversations.messages.stored", description: "Transcript events stored.");
        _slaWarnings = meter.CreateCounter<long>("conversations.sla.warnings", description: "SLA warnings raised.");
        _slaBreaches = meter.CreateCounter<long>("conversations.sla.breaches", description: "SLA deadlines missed.");
        _firstResponse = meter.CreateHistogram<double>("conversations.first_response", unit: "ms", description: "From handoff to the agent's first message.");
        _handleTime = meter.CreateHistogram<double>("conversations.handle_time", unit: "s", description: "From the agent joining to the session ending.");
        _csat = meter.CreateHistogram<int>("conversations.csat", description: "Customer satisfaction scores, 1 to 5.");
        meter.CreateObservableGauge("conversations.sessions.active", () => Volatile.Read(ref _active), description: "Sessions started and not yet ended, counted on this silo.");
        meter.CreateObservableGauge("conversations.queued", () => Volatile.Read(ref _queued), description: "Sessions waiting for an agent.");
        meter.CreateObservableGauge("conversations.agents.online", () => Volatile.Read(ref _agentsOnline), description: "Agents online.");
    }

    public void SessionStarted()
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _active);
        _sessionsStarted.Add(1);
    }

    /// <summary>A session ended; <paramref name="containedByBot"/> when no person was ever involved.</summary>
    public void SessionEnded(bool containedByBot)
    {
        Interlocked.Increment(ref _ended);
        Interlocked.Decrement(ref _active);
        if (containedByBot) Interlocked.Increment(ref _contained);
        _sessionsEnded.Add(1, new KeyValuePair<string, object?>("contained_by_bot", containedByBot));
    }

    public void HandoffRequested()
    {
        Interlocked.Increment(ref _handoffCount);
        _handoffs.Add(1);
    }

    /// <summary>Sessions entered (+1) or left (−1) a queue.</summary>
    public void Queued(int delta) => Interlocked.Add(ref _queued, delta);

    /// <summary>Agents came online (+1) or went offline (−1).</summary>
    public void AgentOnline(int delta) => Interlocked.Add(ref _agentsOnline, delta);

    public void MessageStored(int count = 1)
    {
        Interlocked.Add(ref _messageCount, count);
        _messagesStored.Add(count);
    }

    public void FirstResponse(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _firstResponseCount);
        Interlocked.Add(ref _firstResponseTicks, Math.Max(0, elapsed.Ticks));
        _firstResponse.Record(elapsed.TotalMilliseconds);
    }

    public void Handled(TimeSpan handleTime)
    {
        Interlocked.Increment(ref _handledCount);
        Interlocked.Add(ref _handledTicks, Math.Max(0, handleTime.Ticks));
        _handleTime.Record(handleTime.TotalSeconds);
    }

    public void SlaWarned()
    {
        Interlocked.Increment(ref _warningCount);
        _slaWarnings.Add(1);
    }

    public void SlaBreached()
    {
        Interlocked.Increment(ref _breachCount);
        _slaBreaches.Add(1);
    }

    public void CsatRated(int score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 5);
        Interlocked.Increment(ref _csatCount);
        Interlocked.Add(ref _csatSum, score);
        _csat.Record(score);
    }

    /// <summary>This silo's figures, averages taken.</summary>
    public ConversationStatsSnapshot Snapshot() => ConversationStatsSnapshot.From(Counts());

    /// <summary>This silo's raw counters, to be added to the other silos'.</summary>
    public StatsCounts Counts() => new(
        ActiveSessions: Interlocked.Read(ref _active),
        Queued: Interlocked.Read(ref _queued),
        AgentsOnline: Interlocked.Read(ref _agentsOnline),
        SessionsStarted: Interlocked.Read(ref _started),
        SessionsEnded: Interlocked.Read(ref _ended),
        ContainedByBot: Interlocked.Read(ref _contained),
        Handoffs: Interlocked.Read(ref _handoffCount),
        MessagesStored: Interlocked.Read(ref _messageCount),
        SlaWarnings: Interlocked.Read(ref _warningCount),
        SlaBreaches: Interlocked.Read(ref _breachCount),
        FirstResponses: Interlocked.Read(ref _firstResponseCount),
        FirstResponseTicks: Interlocked.Read(ref _firstResponseTicks),
        Handled: Interlocked.Read(ref _handledCount),
        HandledTicks: Interlocked.Read(ref _handledTicks),
        CsatRatings: Interlocked.Read(ref _csatCount),
        CsatSum: Interlocked.Read(ref _csatSum));

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
