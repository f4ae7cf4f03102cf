using System.Buffers;
using System.Collections.Concurrent;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Transcripts.Internal;

namespace Conversations.Grains.Transcripts;

/// <summary>
/// The embedded default: transcripts kept in this process's memory (lost when it stops). Each event is kept as
/// UTF-8 JSON in an arena of pinned pages, and a session's log is a list of slots into it, rather than the event's
/// object graph: a busy silo appends thousands of events a second, and objects that live for ever would be copied
/// into the old generation and, through every list they are added to, traced again by each young collection.
/// </summary>
public sealed class MemoryTranscriptStore : ITranscriptStore
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    private readonly ConcurrentDictionary<string, List<EventSlot>> _sessions = new(StringComparer.Ordinal);
    private readonly TranscriptArena _arena = new();

    /// <summary>Sessions with at least one stored event.</summary>
    public int SessionCount => _sessions.Count;

    public Task AppendAsync(string sessionId, IReadOnlyList<TranscriptAppend> events, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckAppend(sessionId, events);
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(4096);
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

            // All or nothing: the log takes the slots once every event is in the arena.
            Span<EventSlot> slots = events.Count <= 16 ? stackalloc EventSlot[16] : new EventSlot[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                scratch.ResetWrittenCount();
                MemoryTranscriptJson.Encode(scratch, events[i]);
                slots[i] = _arena.Add(scratch.WrittenSpan);
            }

            log.AddRange(slots[..events.Count]);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ConversationEvent>> ReadAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckRead(sessionId, afterSeq, limit);
        if (!_sessions.TryGetValue(sessionId, out var log)) return Task.FromResult<IReadOnlyList<ConversationEvent>>([]);
        EventSlot[] slice;
        lock (log)
        {
            // Seq n sits at index n - 1, so the page is a slice.
            var start = (int)Math.Min(afterSeq, log.Count);
            slice = new EventSlot[Math.Min(limit, log.Count - start)];
            log.CopyTo(start, slice, 0, slice.Length);
        }

        var page = new ConversationEvent[slice.Length];
        for (var i = 0; i < slice.Length; i++) page[i] = MemoryTranscriptJson.Decode(_arena.Get(slice[i])).Event;
        return Task.FromResult<IReadOnlyList<ConversationEvent>>(page);
    }

    public Task<TranscriptIndex> ReadIndexAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckSessionId(sessionId);
        if (!_sessions.TryGetValue(sessionId, out var log)) return Task.FromResult(TranscriptIndex.Empty);
        EventSlot[] all;
        lock (log)
        {
            all = log.ToArray();
        }

        var messages = new List<ClientMessageRecord>();
        foreach (var slot in all)
        {
            var (e, clientMessageId) = MemoryTranscriptJson.Decode(_arena.Get(slot));
            if (clientMessageId is not null) messages.Add(new ClientMessageRecord(e.Seq, e.Sender.Role, e.Sender.Id, clientMessageId, e.At));
        }

        return Task.FromResult(new TranscriptIndex(all.Length, messages));
    }
}
