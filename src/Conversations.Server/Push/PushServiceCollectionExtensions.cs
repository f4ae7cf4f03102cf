namespace Conversations.Server.Push;

/// <summary>Registers this process's push observer.</summary>
public static class PushServiceCollectionExtensions
{
    public static IServiceCollection AddConversationsPush(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ConversationObserver>();
        services.AddSingleton<PushObserver>();
        services.AddHostedService(sp => sp.GetRequiredService<PushObserver>());
        return services;
    }
}
