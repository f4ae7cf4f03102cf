using System.Collections.Concurrent;

namespace Conversations.Benchmarks.Grains;

/// <summary>Collects reminder lateness samples.</summary>
public sealed class LatenessRecorder
{
    private readonly ConcurrentQueue<double> _samples = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Record(double milliseconds)
    {
        _samples.Enqueue(milliseconds);
        Interlocked.Increment(ref _count);
    }

    public double Percentile(double p)
    {
        var sorted = _samples.OrderBy(x => x).ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
