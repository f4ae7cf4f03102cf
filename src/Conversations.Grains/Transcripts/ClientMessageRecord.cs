namespace Conversations.Grains.Transcripts;

/// <summary>A stored message sent with a clientMessageId: enough to rebuild deduplication and the last customer activity.</summary>
public sealed record ClientMessageRecord(long Seq, string SenderRole, string? SenderId, string ClientMessageId, DateTimeOffset At);
