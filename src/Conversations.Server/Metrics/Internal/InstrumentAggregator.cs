using System.Diagnostics.Metrics;

namespace Conversations.Server.Metrics.Internal;

/// <summary>Aggregates the measurements of one instrument into series that can be exposed at any time.</summary>
internal abstract class InstrumentAggregator
{
    protected InstrumentAggregator(Instrument instrument, MetricKind kind)
    {
        Name = PrometheusNames.MetricName(instrument.Name, instrument.Unit, kind);
        Help = instrument.Description;
        Kind = kind;
    }

    public string Name { get; }

    public string? Help { get; }

    public MetricKind Kind { get; }

    /// <summary>Picks the aggregation for the instrument's type, or null for a type this server does not expose.</summary>
    public static InstrumentAggregator? For(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>)) return new SumAggregator(instrument, MetricKind.Counter);
        if (definition == typeof(UpDownCounter<>)) return new SumAggregator(instrument, MetricKind.Gauge);
        if (definition == typeof(Histogram<>)) return new HistogramAggregator(instrument);
        if (definition == typeof(ObservableCounter<>)) return new LastValueAggregator(instrument, MetricKind.Counter);
        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>))
        {
            return new LastValueAggregator(instrument, MetricKind.Gauge);
        }

        return null;
    }

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract IEnumerable<MetricSample> Samples();

    /// <summary>Adds to a double without a lock.</summary>
    protected static void Add(ref double location, double value)
    {
        double initial;
        do
        {
            initial = Volatile.Read(ref location);
        }
        while (Interlocked.CompareExchange(ref location, initial + value, initial) != initial);
    }
}
