using Conversations.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conversations.Bot.Knowledge;

/// <summary>Hosts the cluster's knowledge base on a silo.</summary>
public static class KnowledgeRuntimeBuilderExtensions
{
    /// <summary>
    /// Hosts <see cref="KnowledgeGrain"/> and turns this process's <see cref="KnowledgeBase"/> into a copy of it, kept
    /// fresh by <see cref="KnowledgeSync"/> (a hosted service: register after the runtime, so it starts after the silo).
    /// Call after <c>AddConversationsBot</c>: its knowledge base, filled from the embedded files for a bot on its own,
    /// is replaced by one that starts empty and is filled from the grain.
    /// </summary>
    public static RuntimeBuilder AddClusterKnowledge(this RuntimeBuilder runtime, bool seedShippedEntries)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var services = runtime.Services;
        runtime.AddGrain<KnowledgeGrain>();
        services.Configure<KnowledgeOptions>(o => o.SeedShippedEntries = seedShippedEntries);
        services.Replace(ServiceDescriptor.Singleton(sp => new KnowledgeBase(extractor: sp.GetRequiredService<BotAnalyzer>().EntityExtractor)));
        services.TryAddSingleton<KnowledgeSync>();
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeSync>());
        return runtime;
    }
}
