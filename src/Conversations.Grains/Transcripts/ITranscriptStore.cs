using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Transcripts;

/// <summary>
/// The durable, append-only log of every session's events: the source of truth for a session's
/// transcript, its last seq and its clientMessageId deduplication.
/// </summary>
public interface ITranscriptStore
{
    /// <summary>
    /// Durably appends events of one session, all or none. Completes only once they are stored. Throws
    /// <see cref="TranscriptConflictException"/> when one of the seqs is already taken (a stale activation) or the
    /// first does not follow the last one stored (a gap), and <c>ConversationException</c> <c>E_OVERLOADED</c> when
    /// the writer cannot take more work (nothing stored).
    /// </summary>
    Task AppendAsync(string sessionId, IReadOnlyList<TranscriptAppend> events, CancellationToken cancellationToken = default);

    /// <summary>Events with seq greater than <paramref name="afterSeq"/>, in seq order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ConversationEvent>> ReadAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>What a session needs to resume writing: its last seq and the messages that carried a clientMessageId.</summary>
    Task<TranscriptIndex> ReadIndexAsync(string sessionId, CancellationToken cancellationToken = default);
}
