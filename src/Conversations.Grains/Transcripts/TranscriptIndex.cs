namespace Conversations.Grains.Transcripts;

/// <summary>A session's last seq (0 when empty) and its messages that carry a clientMessageId, in seq order.</summary>
public sealed record TranscriptIndex(long LastSeq, IReadOnlyList<ClientMessageRecord> ClientMessages)
{
    public static TranscriptIndex Empty { get; } = new(0, []);
}
