namespace Conversations.Abstractions.Sessions;

/// <summary>A session's SLA clocks: deadlines still running, and what breached.</summary>
public sealed record SlaView(
    DateTimeOffset? FirstResponseDue,
    DateTimeOffset? NextResponseDue,
    DateTimeOffset? ResolutionDue,
    DateTimeOffset? FirstRespondedAt,
    IReadOnlyList<string> Breaches);
