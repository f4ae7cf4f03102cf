using System.Collections.Concurrent;

namespace Conversations.Runtime.Tests.Support;

/// <summary>A service the test grains report to, so tests can wait on what grains did.</summary>
public sealed class Probe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _signals = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public ConcurrentQueue<string> Events { get; } = new();

    public void Signal(string name, string value = "")
    {
        Events.Enqueue($"{name}:{value}");
        _signals.GetOrAdd(name, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(value);
    }

    /// <summary>Signals <c>name:1</c> the first time, <c>name:2</c> the second, and so on, for what happens more than once; returns the number.</summary>
    public int SignalNext(string name, string value = "")
    {
        var number = _counts.AddOrUpdate(name, 1, static (_, n) => n + 1);
        Signal($"{name}:{number}", value);
        return number;
    }

    /// <summary>Waits (at most 10 s) for the named signal.</summary>
    public Task<string> WaitFor(string name) =>
        _signals.GetOrAdd(name, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TimeSpan.FromSeconds(10));

    public bool HasSignal(string name) => _signals.TryGetValue(name, out var tcs) && tcs.Task.IsCompleted;

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
