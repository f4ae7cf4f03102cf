namespace Conversations.Grains.Stats;

/// <summary>The figures of <c>GET /api/stats</c> at one moment, for one silo.</summary>
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
    long CsatRatings);
