namespace Conversations.Server.Tests.Support;

/// <summary>Collects what a connection receives and lets a test wait, with a deadline, for an item it expects.</summary>
public sealed class Inbox<T> where T : class
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiters = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_gate) return [.. _items];
        }
    }

    public void Add(T item)
    {
        List<TaskCompletionSource<T>> done = [];
        lock (_gate)
        {
            _items.Add(item);
            foreach (var waiter in _waiters.Where(w => w.Match(item)).ToList())
            {
                _waiters.Remove(waiter);
                done.Add(waiter.Done);
            }
        }

        foreach (var tcs in done) tcs.TrySetResult(item);
    }

    /// <summary>The first item (already received or still to come) that matches.</summary>
    public Task<T> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var found = _items.FirstOrDefault(match);
            if (found is not null) return Task.FromResult(found);
            _waiters.Add((match, tcs));
        }

        return tcs.Task.WaitAsync(timeout ?? DefaultTimeout);
    }
}
