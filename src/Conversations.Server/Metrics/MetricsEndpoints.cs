namespace Conversations.Server.Metrics;

/// <summary><c>GET /metrics</c>: Prometheus text format, no auth (bind it to an internal port in production).</summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static IServiceCollection AddConversationsMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton(sp => new MetricsCollector(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<MetricsCollector>());
        return services;
    }

    public static WebApplication MapConversationsMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, (MetricsCollector collector) => Results.Text(PrometheusTextWriter.Format(collector.Collect()), PrometheusTextWriter.ContentType))
            .AllowAnonymous();
        return app;
    }
}
