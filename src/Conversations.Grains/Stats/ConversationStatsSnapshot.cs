using Conversations.Abstractions.Stats;

namespace Conversations.Grains.Stats;

/// <summary>The figures of <c>GET /api/stats</c> at one moment, for one silo or the whole cluster.</summary>
public sealed record ConversationStatsSnapshot(
    long ActiveSessions,
    long Queued,
    long AgentsOnline,
    long SessionsStarted,
    long SessionsEnded,
    double BotContainmentRate,
    long Handoffs,
    long MessagesStored,
    long SlaWarnings,
    long SlaBreaches,
    double AvgFirstResponseMs,
    double AvgHandleSeconds,
    double CsatAverage,
    long CsatRatings)
{
    /// <summary>
    /// The figures of <paramref name="counts"/>: rates and averages over the summed counts, so that a cluster's are
    /// weighted by each silo's numbers, never averages of averages; gauges floored at zero.
    /// </summary>
    public static ConversationStatsSnapshot From(StatsCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new ConversationStatsSnapshot(
            ActiveSessions: Math.Max(0, counts.ActiveSessions),
            Queued: Math.Max(0, counts.Queued),
            AgentsOnline: Math.Max(0, counts.AgentsOnline),
            SessionsStarted: counts.SessionsStarted,
            SessionsEnded: counts.SessionsEnded,
            BotContainmentRate: counts.SessionsEnded == 0 ? 0 : (double)counts.ContainedByBot / counts.SessionsEnded,
            Handoffs: counts.Handoffs,
            MessagesStored: counts.MessagesStored,
            SlaWarnings: counts.SlaWarnings,
            SlaBreaches: counts.SlaBreaches,
            AvgFirstResponseMs: counts.FirstResponses == 0 ? 0 : TimeSpan.FromTicks(counts.FirstResponseTicks / counts.FirstResponses).TotalMilliseconds,
            AvgHandleSeconds: counts.Handled == 0 ? 0 : TimeSpan.FromTicks(counts.HandledTicks / counts.Handled).TotalSeconds,
            CsatAverage: counts.CsatRatings == 0 ? 0 : (double)counts.CsatSum / counts.CsatRatings,
            CsatRatings: counts.CsatRatings);
    }
}
