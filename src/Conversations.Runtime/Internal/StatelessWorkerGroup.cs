namespace Conversations.Runtime.Internal;

/// <summary>The local activations of one stateless-worker grain id: a call goes to the least busy, a new one is added while all are busy.</summary>
internal sealed class StatelessWorkerGroup(int max)
{
    private readonly object _lock = new();
    private ActivationData[] _activations = [];

    public int Count => Volatile.Read(ref _activations).Length;

    public IEnumerable<ActivationData> Activations => Volatile.Read(ref _activations);

    public ActivationData Pick(Func<ActivationData> create)
    {
        var current = Volatile.Read(ref _activations);
        var best = LeastBusy(current, out var idle);
        if (idle || (best is not null && current.Length >= max)) return best!;
        lock (_lock)
        {
            // Another caller may have added workers since the snapshot: decide again on the current set.
            best = LeastBusy(_activations, out idle);
            if (idle || (best is not null && _activations.Length >= max)) return best!;
            var created = create();
            _activations = [.. _activations, created];
            return created;
        }
    }

    private static ActivationData? LeastBusy(ActivationData[] activations, out bool idle)
    {
        ActivationData? best = null;
        foreach (var a in activations)
        {
            if (a.State == ActivationState.Invalid) continue;
            if (a.IsIdle)
            {
                idle = true;
                return a;
            }

            if (best is null || a.QueueLength < best.QueueLength) best = a;
        }

        idle = false;
        return best;
    }

    public void Remove(ActivationData activation)
    {
        lock (_lock) _activations = Array.FindAll(_activations, a => !ReferenceEquals(a, activation));
    }
}
