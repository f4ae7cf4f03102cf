using System.Diagnostics.Metrics;

namespace Conversations.Server.Metrics.Internal;

/// <summary>Counters (exposed as counters) and up-down counters (exposed as gauges): the running sum per series.</summary>
internal sealed class SumAggregator(Instrument instrument, MetricKind kind) : InstrumentAggregator(instrument, kind)
{
    private readonly SeriesTable<ValueCell> _series = new(static () => new ValueCell());

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Add(ref _series.Get(tags).Value, value);

    public override IEnumerable<MetricSample> Samples() =>
        _series.All().Select(s => new MetricSample(Name, s.Labels, Volatile.Read(ref s.Series.Value)));
}
