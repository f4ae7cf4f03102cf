namespace Conversations.Grains.Tests.Queues;

/// <summary>One call a queue or agent made to a session, as <see cref="RecordingSessionGrain"/> saw it.</summary>
public sealed record SessionCall(string SessionId, string Method, string? AgentId = null, string? OfferId = null, int Position = 0, int EtaSeconds = 0, string? Detail = null);
