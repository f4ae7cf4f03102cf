using System.Diagnostics.Metrics;

namespace Conversations.Server.Metrics;

/// <summary>The gateway's own instruments (meter <c>Conversations.Server</c>): connections, hub calls, refusals.</summary>
public sealed class ServerMetrics
{
    public const string MeterName = "Conversations.Server";

    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _invocations;
    private readonly Histogram<double> _invocationDuration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _admissionRefused;

    public ServerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _connections = meter.CreateUpDownCounter<long>("conversations.server.connections", description: "Open hub connections.");
        _invocations = meter.CreateCounter<long>("conversations.server.hub.invocations", description: "Hub method calls.");
        _invocationDuration = meter.CreateHistogram<double>("conversations.server.hub.duration", "ms", "Time to answer a hub method call.");
        _errors = meter.CreateCounter<long>("conversations.server.errors", description: "Hub calls and REST requests refused or failed, by code.");
        _rateLimited = meter.CreateCounter<long>("conversations.server.rate_limited", description: "Hub calls refused by the per-connection rate limit.");
        _admissionRefused = meter.CreateCounter<long>("conversations.server.admission.refused", description: "New sessions refused by admission control, by limit.");
    }

    public void Connected(string hub) => _connections.Add(1, new KeyValuePair<string, object?>("hub", hub));

    public void Disconnected(string hub) => _connections.Add(-1, new KeyValuePair<string, object?>("hub", hub));

    public void Invoked(string hub, string method, TimeSpan elapsed)
    {
        var hubTag = new KeyValuePair<string, object?>("hub", hub);
        var methodTag = new KeyValuePair<string, object?>("method", method);
        _invocations.Add(1, hubTag, methodTag);
        _invocationDuration.Record(elapsed.TotalMilliseconds, hubTag, methodTag);
    }

    public void Error(string code) => _errors.Add(1, new KeyValuePair<string, object?>("code", code));

    public void RateLimited() => _rateLimited.Add(1);

    public void AdmissionRefused(string limit) => _admissionRefused.Add(1, new KeyValuePair<string, object?>("limit", limit));
}
