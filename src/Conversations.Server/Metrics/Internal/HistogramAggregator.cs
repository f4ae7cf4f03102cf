using System.Diagnostics.Metrics;
using System.Globalization;

namespace Conversations.Server.Metrics.Internal;

/// <summary>Histograms: counts per bucket (bounds chosen by unit), sum and count per series.</summary>
internal sealed class HistogramAggregator : InstrumentAggregator
{
    private static readonly double[] s_milliseconds = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];
    private static readonly double[] s_seconds = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];
    private static readonly double[] s_default = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly double[] _bounds;
    private readonly string[] _boundLabels;
    private readonly SeriesTable<Cell> _series;

    public HistogramAggregator(Instrument instrument) : base(instrument, MetricKind.Histogram)
    {
        _bounds = BoundsFor(instrument.Unit);
        _boundLabels = [.. _bounds.Select(PrometheusNames.FormatValue)];
        var buckets = _bounds.Length + 1;
        _series = new SeriesTable<Cell>(() => new Cell(buckets));
    }

    /// <summary>The upper bounds (inclusive) of the buckets, in ascending order; one more bucket takes everything above.</summary>
    public IReadOnlyList<double> Bounds => _bounds;

    public static double[] BoundsFor(string? unit) => unit switch
    {
        "ms" => s_milliseconds,
        "s" => s_seconds,
        _ => s_default,
    };

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value)) return;
        var cell = _series.Get(tags);
        var index = Array.BinarySearch(_bounds, value);
        if (index < 0) index = ~index;
        Interlocked.Increment(ref cell.Buckets[index]);
        Add(ref cell.Sum, value);
    }

    public override IEnumerable<MetricSample> Samples()
    {
        foreach (var (labels, cell) in _series.All())
        {
            long cumulative = 0;
            for (var i = 0; i < cell.Buckets.Length; i++)
            {
                cumulative += Interlocked.Read(ref cell.Buckets[i]);
                var le = i < _bounds.Length ? _boundLabels[i] : "+Inf";
                yield return new MetricSample(Name + "_bucket", [.. labels, new("le", le)], cumulative);
            }

            yield return new MetricSample(Name + "_sum", labels, Volatile.Read(ref cell.Sum));
            // The count is the +Inf bucket, so the two always agree even while measurements arrive.
            yield return new MetricSample(Name + "_count", labels, cumulative);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({_bounds.Length + 1} buckets)");

    private sealed class Cell(int buckets)
    {
        public readonly long[] Buckets = new long[buckets];
        public double Sum;
    }
}
