using Conversations.Abstractions;
using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Tests.Queues;

/// <summary>
/// What the routing grains told sessions, shared by every <see cref="RecordingSessionGrain"/> of a test cluster;
/// tests wait on it for a call to arrive instead of sleeping.
/// </summary>
public sealed class SessionCallLog
{
    private readonly object _lock = new();
    private readonly List<SessionCall> _calls = [];
    private readonly List<(Func<SessionCall, bool> Match, TaskCompletionSource<SessionCall> Done)> _waiters = [];
    private readonly Dictionary<string, HandoffSummary> _summaries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refusingAssignment = new(StringComparer.Ordinal);

    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    public IReadOnlyList<SessionCall> Calls
    {
        get
        {
            lock (_lock) return [.. _calls];
        }
    }

    public IReadOnlyList<SessionCall> CallsOf(string sessionId, string method) =>
        [.. Calls.Where(c => c.SessionId == sessionId && c.Method == method)];

    public void Record(SessionCall call)
    {
        List<TaskCompletionSource<SessionCall>> done = [];
        lock (_lock)
        {
            _calls.Add(call);
            foreach (var waiter in _waiters.Where(w => w.Match(call)).ToList())
            {
                _waiters.Remove(waiter);
                done.Add(waiter.Done);
            }
        }

        foreach (var tcs in done) tcs.TrySetResult(call);
    }

    /// <summary>The first call (already made or still to come) matching <paramref name="match"/>.</summary>
    public Task<SessionCall> WaitFor(Func<SessionCall, bool> match, TimeSpan? timeout = null)
    {
        var tcs = new TaskCompletionSource<SessionCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var existing = _calls.Find(c => match(c));
            if (existing is not null) return Task.FromResult(existing);
            _waiters.Add((match, tcs));
        }

        return tcs.Task.WaitAsync(timeout ?? DefaultWait);
    }

    public Task<SessionCall> WaitFor(string sessionId, string method, Func<SessionCall, bool>? also = null) =>
        WaitFor(c => c.SessionId == sessionId && c.Method == method && (also?.Invoke(c) ?? true));

    public void Remember(string sessionId, HandoffSummary summary)
    {
        lock (_lock) _summaries[sessionId] = summary;
    }

    public HandoffSummary? SummaryOf(string sessionId)
    {
        lock (_lock) return _summaries.GetValueOrDefault(sessionId);
    }

    /// <summary>Makes the session refuse <c>AssignAgent</c> (as a closed session would) with E_CONFLICT.</summary>
    public void RefuseAssignment(string sessionId)
    {
        lock (_lock) _refusingAssignment.Add(sessionId);
    }

    public void ThrowIfRefusing(string sessionId)
    {
        lock (_lock)
        {
            if (_refusingAssignment.Contains(sessionId)) throw ConversationException.Conflict($"Session {sessionId} is closed (test).");
        }
    }
}
