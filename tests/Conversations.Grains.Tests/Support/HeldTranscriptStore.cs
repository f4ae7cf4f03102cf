using Conversations.Abstractions.Sessions;
using Conversations.Grains.Transcripts;

namespace Conversations.Grains.Tests.Support;

/// <summary>
/// A memory transcript store that can hold back one append: it reports the append's arrival, then stores it when
/// the test releases it, or fails it without storing anything, as a database that is slow or down would.
/// </summary>
public sealed class HeldTranscriptStore : ITranscriptStore
{
    private readonly MemoryTranscriptStore _inner = new();
    private readonly object _lock = new();
    private HeldAppend? _next;

    /// <summary>Holds the next append that carries an event matching <paramref name="match"/>.</summary>
    public HeldAppend HoldNext(Func<ConversationEvent, bool> match)
    {
        var held = new HeldAppend(match);
        lock (_lock) _next = held;
        return held;
    }

    public Task AppendAsync(string sessionId, IReadOnlyList<TranscriptAppend> events, CancellationToken cancellationToken = default)
    {
        HeldAppend? held;
        lock (_lock)
        {
            held = _next is { } next && events.Any(e => next.Match(e.Event)) ? next : null;
            if (held is not null) _next = null;
        }

        return held is null ? _inner.AppendAsync(sessionId, events, cancellationToken) : held.HoldAsync(() => _inner.AppendAsync(sessionId, events, cancellationToken));
    }

    public Task<IReadOnlyList<ConversationEvent>> ReadAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(sessionId, afterSeq, limit, cancellationToken);

    public Task<TranscriptIndex> ReadIndexAsync(string sessionId, CancellationToken cancellationToken = default) =>
        _inner.ReadIndexAsync(sessionId, cancellationToken);

    /// <summary>One held append: <see cref="Arrived"/> completes when it reaches the store; then release or fail it.</summary>
    public sealed class HeldAppend(Func<ConversationEvent, bool> match)
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<Exception?> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Func<ConversationEvent, bool> Match { get; } = match;

        /// <summary>Completes once the append is held (waited on with the recorders' deadline).</summary>
        public Task Arrived => _arrived.Task.WaitAsync(Recorder<object>.DefaultTimeout);

        /// <summary>Lets the append through to the store.</summary>
        public void Release() => _outcome.TrySetResult(null);

        /// <summary>Fails the append; nothing of it is stored.</summary>
        public void Fail(Exception exception) => _outcome.TrySetResult(exception);

        internal async Task HoldAsync(Func<Task> store)
        {
            _arrived.TrySetResult();
            if (await _outcome.Task.ConfigureAwait(false) is { } failure) throw failure;
            await store().ConfigureAwait(false);
        }
    }
}
