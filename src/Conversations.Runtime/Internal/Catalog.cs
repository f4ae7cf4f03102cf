using System.Collections.Concurrent;

namespace Conversations.Runtime.Internal;

/// <summary>The activations of this silo, by grain id (stateless workers keep several per id).</summary>
internal sealed class Catalog
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerGroup> _workers = new();
    private readonly GrainRuntime _runtime;
    private volatile TaskCompletionSource? _emptied;

    public Catalog(GrainRuntime runtime)
    {
        _runtime = runtime;
    }

    // ConcurrentDictionary's Count and Values take every lock (Values also copies): with hundreds of thousands of
    // activations that is too dear for the per-second deadline sweep, so count separately and enumerate lock-free.
    private int _count;

    public int Count => Volatile.Read(ref _count) + _workers.Sum(w => w.Value.Count);

    public IEnumerable<ActivationData> All
    {
        get
        {
            foreach (var entry in _activations) yield return entry.Value;
            foreach (var group in _workers)
            {
                foreach (var worker in group.Value.Activations) yield return worker;
            }
        }
    }

    public ActivationData GetOrCreate(GrainId id, GrainClass grainClass)
    {
        if (grainClass.IsStatelessWorker) return PickWorker(id, grainClass);
        if (_activations.TryGetValue(id, out var existing)) return existing;
        var created = new ActivationData(_runtime, grainClass, id);
        if (_activations.TryAdd(id, created))
        {
            Interlocked.Increment(ref _count);
            return created;
        }

        return _activations.TryGetValue(id, out existing) ? existing : GetOrCreate(id, grainClass);
    }

    // Apart from GetOrCreate: a lambda capturing the parameters allocates its closure on entry to the method that
    // declares it, taken branch or not, and GetOrCreate runs for every call that is not already routed.
    private ActivationData PickWorker(GrainId id, GrainClass grainClass) =>
        _workers.GetOrAdd(id, static (_, c) => new StatelessWorkerGroup(c.Max), (Max: grainClass.StatelessWorkerMax, Runtime: _runtime))
            .Pick(() => new ActivationData(_runtime, grainClass, id));

    public bool TryGet(GrainId id, out ActivationData activation) => _activations.TryGetValue(id, out activation!);

    public void Remove(ActivationData activation)
    {
        if (activation.Class.IsStatelessWorker)
        {
            if (_workers.TryGetValue(activation.Id, out var group)) group.Remove(activation);
        }
        else
        {
            if (_activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.Id, activation))) Interlocked.Decrement(ref _count);
        }

        if (_emptied is { } waiter && Count == 0) waiter.TrySetResult();
    }

    /// <summary>Completes when the last activation is gone (used by a draining silo).</summary>
    public Task WhenEmptyAsync()
    {
        var waiter = _emptied ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Count == 0) waiter.TrySetResult();
        return waiter.Task;
    }
}
