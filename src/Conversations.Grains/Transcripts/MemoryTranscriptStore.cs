using System.Collections.Concurrent;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Transcripts.Internal;

namespace Conversations.Grains.Transcripts;

/// <summary>The embedded default: transcripts kept in this process's memory (lost when it stops).</summary>
public sealed class MemoryTranscriptStore : ITranscriptStore
{
    private readonly ConcurrentDictionary<string, List<TranscriptAppend>> _sessions = new(StringComparer.Ordinal);

    /// <summary>Sessions with at least one stored event.</summary>
    public int SessionCount => _sessions.Count;

    public Task AppendAsync(string sessionId, IReadOnlyList<TranscriptAppend> events, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckAppend(sessionId, events);
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

            log.AddRange(events);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ConversationEvent>> ReadAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckRead(sessionId, afterSeq, limit);
        if (!_sessions.TryGetValue(sessionId, out var log)) return Task.FromResult<IReadOnlyList<ConversationEvent>>([]);
        lock (log)
        {
            // Seq n sits at index n - 1, so the page is a slice.
            var start = (int)Math.Min(afterSeq, log.Count);
            var count = Math.Min(limit, log.Count - start);
            var page = new ConversationEvent[count];
            for (var i = 0; i < count; i++) page[i] = log[start + i].Event;
            return Task.FromResult<IReadOnlyList<ConversationEvent>>(page);
        }
    }

    public Task<TranscriptIndex> ReadIndexAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        TranscriptGuard.CheckSessionId(sessionId);
        if (!_sessions.TryGetValue(sessionId, out var log)) return Task.FromResult(TranscriptIndex.Empty);
        lock (log)
        {
            var messages = log
                .Where(e => e.ClientMessageId is not null)
                .Select(e => new ClientMessageRecord(e.Event.Seq, e.Event.Sender.Role, e.Event.Sender.Id, e.ClientMessageId!, e.Event.At))
                .ToList();
            return Task.FromResult(new TranscriptIndex(log.Count, messages));
        }
    }
}
