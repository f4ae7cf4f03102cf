namespace Conversations.Grains.Tests.Support;

/// <summary>A thread-safe list that tests can wait on: <see cref="WaitForAsync"/> completes when a matching item arrives.</summary>
public sealed class Recorder<T>
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly object _lock = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiters = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_lock) return [.. _items];
        }
    }

    public void Add(T item)
    {
        List<TaskCompletionSource<T>>? done = null;
        lock (_lock)
        {
            _items.Add(item);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Match(item)) continue;
                (done ??= []).Add(_waiters[i].Done);
                _waiters.RemoveAt(i);
            }
        }

        foreach (var waiter in done ?? []) waiter.TrySetResult(item);
    }

    /// <summary>The first item (already recorded or yet to come) matching <paramref name="match"/>.</summary>
    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            foreach (var item in _items)
            {
                if (match(item)) return item;
            }

            _waiters.Add((match, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            lock (_lock) _waiters.RemoveAll(w => w.Done == done);
            throw new TimeoutException($"No matching {typeof(T).Name} arrived; recorded: {string.Join(" | ", Items)}");
        }
    }
}
