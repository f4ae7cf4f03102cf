namespace Conversations.Load.Measurement;

/// <summary>
/// A thread-safe, mergeable latency histogram with log-spaced buckets (HDR style): values below 128 µs are exact,
/// above that each power of two is split into 64 buckets, so any percentile is within 1.6% of the true value.
/// </summary>
public sealed class LatencyHistogram
{
    private const int LinearBits = 7;
    private const int Linear = 1 << LinearBits;        // 128 exact buckets
    private const int SubBuckets = Linear / 2;         // 64 per power of two above
    private const int Octaves = 40 - LinearBits + 1;   // up to 2^40 µs, about 12.7 days
    private const long MaximumMicroseconds = (1L << 40) - 1;

    private readonly long[] _counts = new long[Linear + (Octaves * SubBuckets)];
    private long _count;
    private long _max;
    private long _sum;

    public long Count => Interlocked.Read(ref _count);

    public double MaxMilliseconds => Interlocked.Read(ref _max) / 1000.0;

    public double MeanMilliseconds => Count == 0 ? 0 : Interlocked.Read(ref _sum) / 1000.0 / Count;

    public void Record(TimeSpan latency) => RecordMicroseconds((long)(latency.Ticks / (TimeSpan.TicksPerMillisecond / 1000.0)));

    public void RecordMilliseconds(double milliseconds) => RecordMicroseconds((long)(milliseconds * 1000));

    public void RecordMicroseconds(long microseconds)
    {
        long value = Math.Clamp(microseconds, 0, MaximumMicroseconds);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, value);
        long max = Interlocked.Read(ref _max);
        while (value > max)
        {
            long seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The value at or below which <paramref name="percentile"/> % of recorded values lie, in milliseconds; 0 when empty.</summary>
    public double PercentileMilliseconds(double percentile)
    {
        if (percentile is < 0 or > 100 || double.IsNaN(percentile))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile is between 0 and 100.");
        }

        long count = Count;
        if (count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * count));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                // The bucket's highest value, never above the largest value actually seen.
                return Math.Min(UpperBoundOf(i), Interlocked.Read(ref _max)) / 1000.0;
            }
        }

        return MaxMilliseconds;
    }

    public LatencySummary Summarize() => new(
        Count,
        Math.Round(PercentileMilliseconds(50), 3),
        Math.Round(PercentileMilliseconds(95), 3),
        Math.Round(PercentileMilliseconds(99), 3),
        Math.Round(MaxMilliseconds, 3),
        Math.Round(MeanMilliseconds, 3));

    /// <summary>Adds every value of <paramref name="other"/> (from another window or worker) to this one.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < _counts.Length; i++)
        {
            long c = Interlocked.Read(ref other._counts[i]);
            if (c != 0)
            {
                Interlocked.Add(ref _counts[i], c);
            }
        }

        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        long otherMax = Interlocked.Read(ref other._max);
        if (otherMax > Interlocked.Read(ref _max))
        {
            Interlocked.Exchange(ref _max, otherMax);
        }
    }

    /// <summary>The non-empty buckets as (index, count) pairs plus sum and max, for a worker to hand its histogram to the parent.</summary>
    public HistogramSnapshot Snapshot()
    {
        var buckets = new List<long[]>();
        for (int i = 0; i < _counts.Length; i++)
        {
            long c = Interlocked.Read(ref _counts[i]);
            if (c != 0)
            {
                buckets.Add([i, c]);
            }
        }

        return new HistogramSnapshot(buckets, Interlocked.Read(ref _sum), Interlocked.Read(ref _max));
    }

    public static LatencyHistogram FromSnapshot(HistogramSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var histogram = new LatencyHistogram();
        foreach (long[] bucket in snapshot.Buckets)
        {
            if (bucket.Length != 2 || bucket[0] < 0 || bucket[0] >= histogram._counts.Length || bucket[1] < 0)
            {
                throw new ArgumentException("The histogram snapshot holds an invalid bucket.", nameof(snapshot));
            }

            histogram._counts[bucket[0]] += bucket[1];
            histogram._count += bucket[1];
        }

        histogram._sum = snapshot.Sum;
        histogram._max = snapshot.Max;
        return histogram;
    }

    internal static int IndexOf(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }

        int highestBit = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)value);
        int shift = highestBit - LinearBits + 1;           // ≥ 1
        long sub = value >> shift;                          // in [64, 128)
        return Linear + ((shift - 1) * SubBuckets) + (int)(sub - SubBuckets);
    }

    internal static long UpperBoundOf(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        int shift = ((index - Linear) / SubBuckets) + 1;
        long sub = ((index - Linear) % SubBuckets) + SubBuckets;
        return ((sub + 1) << shift) - 1;
    }
}
