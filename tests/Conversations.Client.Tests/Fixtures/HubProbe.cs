using System.Collections.Concurrent;

namespace Conversations.Client.Tests.Fixtures;

/// <summary>Lets tests wait for what the hubs saw on the server side.</summary>
public sealed class HubProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _remembered = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Exception?>> _disconnected = new();

    public void Remember(string value) => Slot(_remembered, value).TrySetResult();

    public Task WhenRemembered(string value) => Slot(_remembered, value).Task;

    public bool HasRemembered(string value) => _remembered.TryGetValue(value, out TaskCompletionSource? slot) && slot.Task.IsCompleted;

    public void Disconnected(string connectionId, Exception? exception) => Slot(_disconnected, connectionId).TrySetResult(exception);

    public Task<Exception?> WhenDisconnected(string connectionId) => Slot(_disconnected, connectionId).Task;

    private static TaskCompletionSource Slot(ConcurrentDictionary<string, TaskCompletionSource> slots, string key) =>
        slots.GetOrAdd(key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static TaskCompletionSource<T> Slot<T>(ConcurrentDictionary<string, TaskCompletionSource<T>> slots, string key) =>
        slots.GetOrAdd(key, static _ => new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously));
}
