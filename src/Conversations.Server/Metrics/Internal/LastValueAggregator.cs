using System.Diagnostics.Metrics;

namespace Conversations.Server.Metrics.Internal;

/// <summary>Gauges and observable instruments: the last value reported per series (observable counters report their total).</summary>
internal sealed class LastValueAggregator(Instrument instrument, MetricKind kind) : InstrumentAggregator(instrument, kind)
{
    private readonly SeriesTable<ValueCell> _series = new(static () => new ValueCell());

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Volatile.Write(ref _series.Get(tags).Value, value);

    public override IEnumerable<MetricSample> Samples() =>
        _series.All().Select(s => new MetricSample(Name, s.Labels, Volatile.Read(ref s.Series.Value)));
}
