using System.Collections.Concurrent;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Transcripts.Internal;

namespace Conversations.Grains.Transcripts;

/// <summary>
/// The embedded default: transcripts kept in this process's memory (lost when it stops). Each event is kept
/// as one UTF-8 JSON array rather than as its object graph: a busy silo appends thousands of events a second,
/// and a byte array costs the garbage collector one object with no references to trace, where the event's
/// records, strings and JSON document cost about eight.
/// </summary>
public sealed class MemoryTranscriptStore : ITranscriptStore
{
    private readonly ConcurrentDictionary<string, List<byte[]>> _sessions = new(StringComparer.Ordinal);

    /// <summary>Sessions with at least one stored event.</summary>
    public int SessionCount => _sessions.Count;

    public Task AppendAsync(string sessionId, IReadOnlyList<TranscriptAppend> events, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckAppend(sessionId, events);
        var encoded = new byte[events.Count][];
        for (var i = 0; i < encoded.Length; i++) encoded[i] = MemoryTranscriptJson.Encode(events[i]);

        var log = _sessions.GetOrAdd(sessionId, static _ => []);
        lock (log)
        {
            // Seqs must continue the log exactly: a repeat is a stale writer, a gap a bug in the caller.
            var expected = log.Count + 1L;
            if (events[0].Event.Seq != expected)
            {
                return Task.FromException(new TranscriptConflictException(
                    $"Session {sessionId} expects seq {expected} next, but an append starts at seq {events[0].Event.Seq}."));
            }

            log.AddRange(encoded);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ConversationEvent>> ReadAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckRead(sessionId, afterSeq, limit);
        if (!_sessions.TryGetValue(sessionId, out var log)) return Task.FromResult<IReadOnlyList<ConversationEvent>>([]);
        byte[][] slice;
        lock (log)
        {
            // Seq n sits at index n - 1, so the page is a slice.
            var start = (int)Math.Min(afterSeq, log.Count);
            slice = new byte[Math.Min(limit, log.Count - start)][];
            log.CopyTo(start, slice, 0, slice.Length);
        }

        var page = new ConversationEvent[slice.Length];
        for (var i = 0; i < slice.Length; i++) page[i] = MemoryTranscriptJson.Decode(slice[i]).Event;
        return Task.FromResult<IReadOnlyList<ConversationEvent>>(page);
    }

    public Task<TranscriptIndex> ReadIndexAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckSessionId(sessionId);
        if (!_sessions.TryGetValue(sessionId, out var log)) return Task.FromResult(TranscriptIndex.Empty);
        byte[][] all;
        lock (log)
        {
            all = log.ToArray();
        }

        var messages = new List<ClientMessageRecord>();
        foreach (var encoded in all)
        {
            var (e, clientMessageId) = MemoryTranscriptJson.Decode(encoded);
            if (clientMessageId is not null) messages.Add(new ClientMessageRecord(e.Seq, e.Sender.Role, e.Sender.Id, clientMessageId, e.At));
        }

        return Task.FromResult(new TranscriptIndex(all.Length, messages));
    }
}
