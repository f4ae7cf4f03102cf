using System.Text.Json;
using Conversations.Load.Measurement;

namespace Conversations.Load;

/// <summary>What one run (or one worker of a sharded run) measured, before it becomes a report.</summary>
public sealed record RunResult(
    MetricsSnapshot Metrics,
    TranscriptAudit Audit,
    int SessionsAudited,
    int SessionsUnreadable,
    double LoadSeconds,
    int CustomersConnected,
    long ArrivalsUnserved,
    long ClientWorkingSetBytes,
    JsonElement? FinalStats,
    long? ServerResidentBytesBefore,
    long? ServerResidentBytesConnected,
    double ClientGcPauseMilliseconds,
    IReadOnlyList<string>? LostExamples = null);
