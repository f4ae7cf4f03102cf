namespace Conversations.Grains.Transcripts.Internal;

/// <summary>Argument checks shared by the transcript stores, so both refuse the same malformed calls.</summary>
internal static class TranscriptGuard
{
    public static void CheckSessionId(string sessionId) => ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);

    public static void CheckAppend(string sessionId, IReadOnlyList<TranscriptAppend> events)
    {
        CheckSessionId(sessionId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException($"Event {i} of the append is null.", nameof(events));
            if (!string.Equals(e.Event.SessionId, sessionId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Event seq {e.Event.Seq} belongs to session '{e.Event.SessionId}', not '{sessionId}'.", nameof(events));
            }

            if (e.Event.Seq < 1) throw new ArgumentException($"Seq {e.Event.Seq} is not positive.", nameof(events));
            if (i > 0 && e.Event.Seq != events[i - 1].Event.Seq + 1)
            {
                throw new ArgumentException($"The seqs of one append must be consecutive; {events[i - 1].Event.Seq} is followed by {e.Event.Seq}.", nameof(events));
            }
        }
    }

    public static void CheckRead(string sessionId, long afterSeq, int limit)
    {
        CheckSessionId(sessionId);
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
    }
}
