using Conversations.Server.Admission;
using Conversations.Server.Auth;
using Conversations.Server.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Conversations.Server.Hubs;

/// <summary>Registers and maps the SignalR hubs with their filters, rate limits and admission control.</summary>
public static class HubServiceCollectionExtensions
{
    /// <summary>Largest hub message accepted from a client: a 4000-character message with its envelope fits easily.</summary>
    public const int MaxReceiveMessageBytes = 64 * 1024;

    public static IServiceCollection AddConversationsHubs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(Options.Create(RateLimitOptions.FromConfiguration(configuration)));
        services.AddSingleton(Options.Create(AdmissionOptions.FromConfiguration(configuration)));
        services.AddSingleton<AdmissionControl>();
        services.AddSingleton<HubErrorFilter>();
        services.AddSingleton<HubGuardFilter>();
        services.AddSignalR(options =>
            {
                options.MaximumReceiveMessageSize = MaxReceiveMessageBytes;
                options.EnableDetailedErrors = false;
                // Outermost first: errors are mapped around everything, including the guard's refusals.
                options.AddFilter<HubErrorFilter>();
                options.AddFilter<HubGuardFilter>();
            })
            .AddJsonProtocol(options => ServerJson.Configure(options.PayloadSerializerOptions));
        return services;
    }

    public static WebApplication MapConversationsHubs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHub<CustomerHub>(CustomerHub.Path).RequireAuthorization(AuthPolicies.Customer);
        app.MapHub<AgentHub>(AgentHub.Path).RequireAuthorization(AuthPolicies.Agent);
        return app;
    }
}
