using System.Collections.Concurrent;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>Shared by every silo of a test cluster: lets a test wait for the next reminder tick of a grain.</summary>
public sealed class TickSink
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _next = new();

    public void OnTick(string key)
    {
        if (_next.TryRemove(key, out var waiter)) waiter.TrySetResult();
    }

    /// <summary>Completes at the first tick of <paramref name="key"/> after this call.</summary>
    public Task NextTick(string key) =>
        _next.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
