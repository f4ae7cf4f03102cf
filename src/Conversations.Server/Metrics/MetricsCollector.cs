using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Numerics;
using Conversations.Grains.Stats;
using Conversations.Server.Metrics.Internal;

namespace Conversations.Server.Metrics;

/// <summary>
/// Listens to the runtime's, the domain's and the gateway's meters from process start and keeps what
/// <c>/metrics</c> exposes: sums for counters, last values for gauges, buckets for histograms.
/// </summary>
public sealed class MetricsCollector : IHostedService, IDisposable
{
    /// <summary>
    /// The meters exposed: the actor runtime's, the conversation domain's, this server's own, and .NET's
    /// (<c>System.Runtime</c>: GC pauses and heap, thread pool queue, CPU time — what explains a latency tail).
    /// </summary>
    public static readonly IReadOnlyList<string> MeterNames = ["Conversations.Runtime", ConversationStats.MeterName, ServerMetrics.MeterName, "System.Runtime"];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregator> _aggregators = new();
    private readonly IMeterFactory? _meterFactory;

    public MetricsCollector(IMeterFactory? meterFactory = null)
    {
        _meterFactory = meterFactory;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = (instrument, state) => _aggregators.TryRemove(instrument, out var removed);
        Listen<byte>();
        Listen<short>();
        Listen<int>();
        Listen<long>();
        Listen<float>();
        Listen<double>();
        Listen<decimal>();
        _listener.Start();
    }

    /// <summary>Reads the observable instruments, then everything measured so far, as metric families sorted by name (instruments never measured are left out).</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        _listener.RecordObservableInstruments();
        // Several instruments can map to one name (two silos in one process, say): their series are added up.
        return _aggregators.Values
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MetricFamily(g.Key, g.First().Kind, g.Select(a => a.Help).FirstOrDefault(h => !string.IsNullOrEmpty(h)), Merge(g.SelectMany(a => a.Samples()))))
            .Where(f => f.Samples.Count > 0)
            .ToList();
    }

    // A hosted service only so that the host builds it before the silo starts measuring.
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private static List<MetricSample> Merge(IEnumerable<MetricSample> samples) =>
        samples
            .GroupBy(s => s.Name + "{" + string.Join(',', s.Labels.Select(l => l.Key + "=" + l.Value)) + "}", StringComparer.Ordinal)
            .Select(g => g.Skip(1).Any() ? g.First() with { Value = g.Sum(s => s.Value) } : g.First())
            .ToList();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!MeterNames.Contains(instrument.Meter.Name)) return;
        // A meter made by another host's factory (another server in the same test process) is not ours to expose.
        if (_meterFactory is not null && instrument.Meter.Scope is IMeterFactory scope && !ReferenceEquals(scope, _meterFactory)) return;
        if (InstrumentAggregator.For(instrument) is not { } aggregator) return;
        _aggregators[instrument] = aggregator;
        listener.EnableMeasurementEvents(instrument, aggregator);
    }

    private void Listen<T>() where T : struct, INumber<T> =>
        _listener.SetMeasurementEventCallback<T>(static (_, measurement, tags, state) =>
            ((InstrumentAggregator)state!).Record(double.CreateTruncating(measurement), tags));
}
