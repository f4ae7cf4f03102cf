using Conversations.Server.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Conversations.Server.Telemetry;

/// <summary>
/// Pushes the same meters as <c>/metrics</c>, and the runtime's and ASP.NET Core's traces, to an OTLP collector
/// while the host runs; the providers are built by hand (no hosting package restores here) and flushed on stop.
/// </summary>
public sealed class OtlpExport(IOptions<TelemetryOptions> options, ILogger<OtlpExport> logger) : IHostedService, IDisposable
{
    /// <summary>Trace sources exported: grain calls, and incoming HTTP requests.</summary>
    public static readonly IReadOnlyList<string> TraceSources = ["Conversations.Runtime", "Microsoft.AspNetCore"];

    private MeterProvider? _meters;
    private TracerProvider? _tracer;

    public bool IsExporting => _meters is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return Task.CompletedTask;

        var endpoint = new Uri(settings.OtlpEndpoint!);
        var protocol = settings.OtlpProtocol == TelemetryOptions.HttpProtocol ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName);

        _meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter([.. MetricsCollector.MeterNames])
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, endpoint, protocol, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.MetricExportIntervalMilliseconds;
            })
            .Build();
        _tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource([.. TraceSources])
            .AddOtlpExporter(exporter => Configure(exporter, endpoint, protocol, "v1/traces"))
            .Build();
        logger.LogInformation("Exporting metrics and traces over OTLP ({Protocol}) to {Endpoint}", settings.OtlpProtocol, endpoint);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Disposing flushes what is buffered, so the last interval's figures are not lost on a graceful stop.
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _tracer, null)?.Dispose();
        Interlocked.Exchange(ref _meters, null)?.Dispose();
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol, string httpPath)
    {
        exporter.Protocol = protocol;
        // Over HTTP each signal has its own path under the base URL; gRPC takes the base URL as it is.
        exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
            ? new Uri(endpoint, httpPath)
            : endpoint;
    }
}
