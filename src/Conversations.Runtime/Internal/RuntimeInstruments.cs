using System.Diagnostics;
using System.Diagnostics.Metrics;
using Conversations.Runtime.Invocation;

namespace Conversations.Runtime.Internal;

/// <summary>The runtime's meters and trace source; recording is skipped when nobody listens.</summary>
internal sealed class RuntimeInstruments : IDisposable
{
    public const string MeterName = "Conversations.Runtime";
    public static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _timeouts;
    private readonly Histogram<double> _callDuration;
    private readonly Histogram<double> _storageDuration;
    private readonly Counter<long> _activationsCreated;
    private readonly Counter<long> _deactivations;

    /// <param name="meterFactory">The host's factory, so the meter is scoped to its host (several silos may share a process); null for a meter of its own.</param>
    public RuntimeInstruments(IMeterFactory? meterFactory, Func<int> activationCount, Func<long> mailboxDepth)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _calls = _meter.CreateCounter<long>("conversations.runtime.calls", description: "Grain calls started");
        _failures = _meter.CreateCounter<long>("conversations.runtime.call.failures", description: "Grain calls that threw");
        _timeouts = _meter.CreateCounter<long>("conversations.runtime.call.timeouts", description: "Grain calls not answered within their deadline");
        _callDuration = _meter.CreateHistogram<double>("conversations.runtime.call.duration", "ms", "Time from a call's first turn to its answer");
        _storageDuration = _meter.CreateHistogram<double>("conversations.runtime.storage.duration", "ms", "Grain state reads and writes");
        _activationsCreated = _meter.CreateCounter<long>("conversations.runtime.activations.created", description: "Activations created");
        _deactivations = _meter.CreateCounter<long>("conversations.runtime.activations.deactivated", description: "Activations deactivated");
        _meter.CreateObservableGauge("conversations.runtime.activations", activationCount, description: "Resident activations");
        _meter.CreateObservableGauge("conversations.runtime.mailbox.depth", mailboxDepth, description: "Calls waiting in activation queues");
    }

    public void OnSend(Request request)
    {
        _calls.Add(1);
        if (!ActivitySource.HasListeners()) return;
        // The span covers the call from send to answer; the caller's own current activity stays as it was.
        var previous = Activity.Current;
        var activity = ActivitySource.StartActivity(request.Method.FullName, ActivityKind.Client);
        if (activity is null) return;
        activity.SetTag("rpc.system", "conversations");
        activity.SetTag("rpc.method", request.Method.Name);
        activity.SetTag("rpc.service", request.Method.InterfaceName);
        activity.SetTag("conversations.grain", request.Target.ToString());
        request.Activity = activity;
        Activity.Current = previous;
    }

    public void OnRequestStarted(Request request)
    {
        if (_callDuration.Enabled) request.StartedTimestamp = Stopwatch.GetTimestamp();
    }

    public void OnRequestCompleted(Request request, Exception? failure)
    {
        if (failure is not null) _failures.Add(1);
        if (request.Activity is { } activity)
        {
            if (failure is not null) activity.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
            activity.Stop();
        }

        if (request.StartedTimestamp != 0) _callDuration.Record(Stopwatch.GetElapsedTime(request.StartedTimestamp).TotalMilliseconds);
    }

    public void OnTimeout(Request request)
    {
        _timeouts.Add(1);
        request.Activity?.SetStatus(ActivityStatusCode.Error, "timeout");
    }

    /// <summary>A start time for a storage operation, or 0 when nobody measures storage latency.</summary>
    public long StorageTimestamp() => _storageDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <param name="stateName">The <c>[PersistentState]</c> name: one per grain class's state, so a bounded set of series.</param>
    public void OnStorage(string operation, string stateName, long started)
    {
        if (started != 0 && _storageDuration.Enabled)
        {
            _storageDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("state", stateName));
        }
    }

    public void OnActivated(GrainClass grainClass) => _activationsCreated.Add(1);

    public void OnDeactivated(GrainClass grainClass) => _deactivations.Add(1);

    public void Dispose()
    {
        // A factory's meters are the factory's to dispose, with the host.
        if (_ownsMeter) _meter.Dispose();
    }
}
