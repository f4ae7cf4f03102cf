namespace Conversations.Abstractions.Sessions;

/// <summary>A session as <c>GET /api/sessions/{id}</c> shows it.</summary>
public sealed record SessionSnapshot(
    string SessionId,
    string CustomerId,
    SessionStatus Status,
    string Channel,
    string Language,
    string? Queue,
    string? AgentId,
    string? Intent,
    string? Sentiment,
    string? OrderId,
    SlaView Sla,
    CsatRating? Csat,
    long LastSeq,
    DateTimeOffset StartedAt);
