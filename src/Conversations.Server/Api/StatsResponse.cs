namespace Conversations.Server.Api;

/// <summary>
/// <c>GET /api/stats</c>: the cluster's conversation figures (the sum of the <paramref name="Silos"/> live silos' latest
/// reports, rates and averages over the summed counts) and every queue's length.
/// </summary>
public sealed record StatsResponse(
    long ActiveSessions,
    long Queued,
    long AgentsOnline,
    double BotContainmentRate,
    long Handoffs,
    long SlaBreaches,
    long SlaWarnings,
    double AvgFirstResponseMs,
    double AvgHandleSeconds,
    double CsatAverage,
    long CsatRatings,
    long SessionsStarted,
    long SessionsEnded,
    long MessagesStored,
    IReadOnlyList<QueueStats> Queues,
    int Silos,
    DateTimeOffset At);
