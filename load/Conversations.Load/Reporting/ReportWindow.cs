namespace Conversations.Load.Reporting;

/// <summary>One chart window: what happened between <paramref name="AtSeconds"/> and the next window.</summary>
public sealed record ReportWindow(
    double AtSeconds,
    long Sent,
    long Acked,
    long BotReplies,
    long Errors,
    long Connections,
    long Queued,
    long ActiveSessions,
    double AckP50,
    double AckP99,
    double BotReplyP50,
    double BotReplyP99);
