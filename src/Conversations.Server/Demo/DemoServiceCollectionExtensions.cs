using Conversations.Server.Hosting;

namespace Conversations.Server.Demo;

/// <summary>Registers the demo data loader when <c>Conversations:Demo:Enabled</c> says so (by default: with memory storage).</summary>
public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddConversationsDemo(this IServiceCollection services, IConfiguration configuration, ServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(server);
        var options = configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        if (options.Enabled ?? !server.UsesPostgres) services.AddHostedService<DemoDataLoader>();
        return services;
    }
}
