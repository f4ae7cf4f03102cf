namespace Conversations.Server.Api;

/// <summary><c>GET /api/stats</c>: this silo's conversation figures and every queue's length.</summary>
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
    DateTimeOffset At);
