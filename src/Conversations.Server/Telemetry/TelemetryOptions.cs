namespace Conversations.Server.Telemetry;

/// <summary>OpenTelemetry export (configuration section <c>Conversations:Telemetry</c>); off unless an OTLP endpoint is set.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Conversations:Telemetry";
    public const string GrpcProtocol = "grpc";
    public const string HttpProtocol = "http/protobuf";

    /// <summary>The collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = GrpcProtocol;

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "conversations";

    /// <summary>How often metrics are pushed.</summary>
    public int MetricExportIntervalMilliseconds { get; set; } = 15_000;

    public bool Enabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public static TelemetryOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        options.Validate();
        return options;
    }

    public void Validate()
    {
        if (Enabled && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw Invalid(nameof(OtlpEndpoint), "must be an absolute http(s) URL such as http://localhost:4317");
        }

        OtlpProtocol = (OtlpProtocol ?? string.Empty).Trim().ToLowerInvariant();
        if (OtlpProtocol is not (GrpcProtocol or HttpProtocol)) throw Invalid(nameof(OtlpProtocol), $"must be '{GrpcProtocol}' or '{HttpProtocol}'");
        if (string.IsNullOrWhiteSpace(ServiceName)) throw Invalid(nameof(ServiceName), "must not be empty");
        if (MetricExportIntervalMilliseconds is < 1000 or > 3_600_000) throw Invalid(nameof(MetricExportIntervalMilliseconds), "must be between 1000 and 3600000");
    }

    private static InvalidOperationException Invalid(string key, string problem) => new($"Configuration '{SectionName}:{key}' {problem}.");
}
