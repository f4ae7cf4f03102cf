using System.Collections.Concurrent;
using Conversations.Runtime.Invocation;

namespace Conversations.Runtime.Observers;

/// <summary>
/// The calls waiting for one observer. They are started one after another in the order they arrived, on
/// the thread pool and outside any grain's turn, so what a grain pushes in order reaches the observer in
/// order. A call is started, not awaited, before the next one: a slow observer method does not hold up the rest.
/// </summary>
internal sealed class ObserverMailbox(object target) : IThreadPoolWorkItem
{
    private readonly ConcurrentQueue<Request> _calls = new();
    private int _scheduled;

    public object Target { get; } = target;

    public void Post(Request request)
    {
        _calls.Enqueue(request);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public void Execute()
    {
        while (true)
        {
            while (_calls.TryDequeue(out var request)) request.Run(Target, null);
            Volatile.Write(ref _scheduled, 0);
            // A call posted after the queue looked empty but before the flag cleared must not be stranded.
            if (_calls.IsEmpty || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0) return;
        }
    }
}
