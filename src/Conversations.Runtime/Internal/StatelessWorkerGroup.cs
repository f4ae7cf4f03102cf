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
        ActivationData? best = null;
        foreach (var a in current)
        {
            if (a.State == ActivationState.Invalid) continue;
            if (a.IsIdle) return a;
            if (best is null || a.QueueLength < best.QueueLength) best = a;
        }

        if (best is not null && current.Length >= max) return best;
        lock (_lock)
        {
            if (_activations.Length >= max && best is not null) return best;
            var created = create();
            _activations = [.. _activations, created];
            return created;
        }
    }

    public void Remove(ActivationData activation)
    {
        lock (_lock) _activations = Array.FindAll(_activations, a => !ReferenceEquals(a, activation));
    }
}
