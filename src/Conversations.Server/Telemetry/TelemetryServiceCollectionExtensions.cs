using Microsoft.Extensions.Options;

namespace Conversations.Server.Telemetry;

/// <summary>Registers OTLP export, switched on by <c>Conversations:Telemetry:OtlpEndpoint</c>.</summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddConversationsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(Options.Create(TelemetryOptions.FromConfiguration(configuration)));
        services.AddSingleton<OtlpExport>();
        services.AddHostedService(sp => sp.GetRequiredService<OtlpExport>());
        return services;
    }
}
