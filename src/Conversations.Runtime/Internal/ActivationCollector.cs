namespace Conversations.Runtime.Internal;

/// <summary>
/// Finds idle activations and deactivates them. Time is counted in quanta (epochs) so that marking an
/// activation as used costs one field write, not a clock read.
/// </summary>
internal sealed class ActivationCollector : IDisposable
{
    private readonly TimeSpan _quantum;
    private ITimer? _timer;
    private int _epoch;

    public ActivationCollector(TimeSpan quantum)
    {
        _quantum = quantum;
    }

    public int Epoch => Volatile.Read(ref _epoch);

    public int QuantaFor(TimeSpan age) => (int)Math.Ceiling(age.Ticks / (double)_quantum.Ticks);

    public void Start(TimeProvider time, Catalog catalog) =>
        _timer = time.CreateTimer(_ => Collect(catalog), null, _quantum, _quantum);

    public int Collect(Catalog catalog)
    {
        var epoch = Interlocked.Increment(ref _epoch);
        var collected = 0;
        foreach (var activation in catalog.All)
        {
            if (!activation.IsIdle || epoch < activation.KeepAliveUntilEpoch) continue;
            if (epoch - activation.LastUsedEpoch < QuantaFor(activation.Class.CollectionAge)) continue;
            activation.StartDeactivation(DeactivationReason.IdleCollection);
            collected++;
        }

        return collected;
    }

    public void Dispose() => _timer?.Dispose();
}
