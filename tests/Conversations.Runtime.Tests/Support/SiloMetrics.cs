using System.Diagnostics.Metrics;
using Conversations.Runtime.Internal;

namespace Conversations.Runtime.Tests.Support;

/// <summary>
/// Listens to the runtime meter of one silo (the one made by <paramref name="meterFactory"/>, not those of other
/// silos in this process): counter totals, the last value of each gauge, and every histogram measurement with its tags.
/// </summary>
public sealed class SiloMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly object _lock = new();
    private readonly Dictionary<string, long> _totals = [];
    private readonly Dictionary<string, long> _gauges = [];
    private readonly List<(string Name, double Value, Dictionary<string, object?> Tags)> _recorded = [];
    private readonly List<(string Name, long Total, TaskCompletionSource Reached)> _waiters = [];

    public SiloMetrics(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeInstruments.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => OnLong(instrument, value));
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => OnLong(instrument, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var tagged = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags) tagged[tag.Key] = tag.Value;
            lock (_lock) _recorded.Add((instrument.Name, value, tagged));
        });
        _listener.Start();
    }

    /// <summary>What a counter added up to so far.</summary>
    public long Total(string name)
    {
        lock (_lock) return _totals.GetValueOrDefault(name);
    }

    /// <summary>A gauge's value now.</summary>
    public long Gauge(string name)
    {
        _listener.RecordObservableInstruments();
        lock (_lock) return _gauges.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"Gauge {name} was not observed.");
    }

    /// <summary>How many histogram measurements were recorded under <paramref name="name"/> with the given tag values.</summary>
    public int Recorded(string name, params (string Key, string Value)[] tags)
    {
        lock (_lock) return _recorded.Count(r => r.Name == name && tags.All(t => Equals(r.Tags.GetValueOrDefault(t.Key), t.Value)));
    }

    /// <summary>Completes when counter <paramref name="name"/> has added up to <paramref name="total"/> (at most 10 s).</summary>
    public Task WhenTotal(string name, long total)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_totals.GetValueOrDefault(name) >= total) return Task.CompletedTask;
            _waiters.Add((name, total, reached));
        }

        return reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public void Dispose() => _listener.Dispose();

    private void OnLong(Instrument instrument, long value)
    {
        lock (_lock)
        {
            if (instrument.IsObservable)
            {
                _gauges[instrument.Name] = value;
                return;
            }

            var total = _totals[instrument.Name] = _totals.GetValueOrDefault(instrument.Name) + value;
            foreach (var waiter in _waiters.Where(w => w.Name == instrument.Name && total >= w.Total).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }
    }
}
