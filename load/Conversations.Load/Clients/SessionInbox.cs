using System.Diagnostics;
using Conversations.Load.Protocol;

namespace Conversations.Load.Clients;

/// <summary>
/// The events of a customer's current session with the time each arrived; waiting for "the bot's answer after seq N"
/// looks at what already came first, because a push can beat the <c>SendMessage</c> result.
/// </summary>
internal sealed class SessionInbox
{
    private readonly Lock _lock = new();
    private readonly List<(ConversationEvent Event, long ReceivedAt)> _events = [];
    private readonly List<Waiter> _waiters = [];
    private readonly HashSet<long> _known = [];
    private string? _sessionId;
    private long _baseSeq;
    private long _lastSeq;

    public string? SessionId
    {
        get
        {
            lock (_lock)
            {
                return _sessionId;
            }
        }
    }

    public long LastSeq
    {
        get
        {
            lock (_lock)
            {
                return _lastSeq;
            }
        }
    }

    /// <summary>Starts a new session's inbox; waiters of the previous one are abandoned.</summary>
    public void Reset(string sessionId, long lastSeq)
    {
        lock (_lock)
        {
            _sessionId = sessionId;
            _baseSeq = lastSeq;
            _lastSeq = lastSeq;
            _events.Clear();
            _known.Clear();
            foreach (Waiter waiter in _waiters)
            {
                waiter.Completion.TrySetResult(null);
            }

            _waiters.Clear();
        }
    }

    /// <summary>Notes a seq the client learnt from a <c>SendMessage</c> result, so its own message is not taken for a gap.</summary>
    public void Acknowledge(string sessionId, long seq)
    {
        lock (_lock)
        {
            if (sessionId == _sessionId)
            {
                _known.Add(seq);
                _lastSeq = Math.Max(_lastSeq, seq);
            }
        }
    }

    /// <summary>The first seq after the session's start that neither an event nor an ack accounted for, or null.</summary>
    public long? FirstMissing()
    {
        lock (_lock)
        {
            for (long seq = _baseSeq + 1; seq <= _lastSeq; seq++)
            {
                if (!_known.Contains(seq))
                {
                    return seq;
                }
            }

            return null;
        }
    }

    /// <summary>Takes an event; returns true when it leaves seqs unaccounted for (maybe only an ack still on its way).</summary>
    public bool Deliver(ConversationEvent e)
    {
        long receivedAt = Stopwatch.GetTimestamp();
        List<Waiter>? done = null;
        bool gap;
        lock (_lock)
        {
            if (e.SessionId != _sessionId || e.Seq <= _baseSeq || !_known.Add(e.Seq))
            {
                // Another session's, from before this connection's start, or already had (a history fetch raced the push).
                return false;
            }

            gap = e.Seq > _lastSeq + 1;
            _lastSeq = Math.Max(_lastSeq, e.Seq);
            _events.Add((e, receivedAt));
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(e))
                {
                    (done ??= []).Add(_waiters[i]);
                    _waiters.RemoveAt(i);
                }
            }
        }

        if (done is not null)
        {
            foreach (Waiter waiter in done)
            {
                waiter.Completion.TrySetResult((e, receivedAt));
            }
        }

        return gap;
    }

    /// <summary>The first event (already received or still to come) matching <paramref name="match"/>, with its arrival timestamp; null on timeout.</summary>
    public async Task<(ConversationEvent Event, long ReceivedAt)?> WaitAsync(Func<ConversationEvent, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            foreach ((ConversationEvent Event, long ReceivedAt) seen in _events)
            {
                if (match(seen.Event))
                {
                    return seen;
                }
            }

            waiter = new Waiter(match);
            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            return null;
        }
    }

    public bool Any(Func<ConversationEvent, bool> match)
    {
        lock (_lock)
        {
            return _events.Any(x => match(x.Event));
        }
    }

    private sealed class Waiter(Func<ConversationEvent, bool> match)
    {
        public Func<ConversationEvent, bool> Match { get; } = match;

        public TaskCompletionSource<(ConversationEvent Event, long ReceivedAt)?> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
