using Conversations.Runtime;

namespace Conversations.Abstractions.Knowledge;

/// <summary>Where the cluster's one knowledge base lives.</summary>
public static class KnowledgeGrains
{
    /// <summary>The key of the cluster's <see cref="IKnowledgeGrain"/>.</summary>
    public const string Key = "shop";

    /// <summary>The cluster's knowledge base.</summary>
    public static IKnowledgeGrain GetKnowledgeBase(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IKnowledgeGrain>(Key);
    }
}
