using Conversations.Server.Hosting;

namespace Conversations.Server.Demo;

/// <summary>Registers the demo data loader when <c>Conversations:Demo:Enabled</c> says so (by default: with memory storage).</summary>
public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddConversationsDemo(this IServiceCollection services, IConfiguration configuration, ServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (DemoOptions.IsOn(configuration, server)) services.AddHostedService<DemoDataLoader>();
        return services;
    }
}
