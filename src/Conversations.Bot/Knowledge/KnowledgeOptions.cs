namespace Conversations.Bot.Knowledge;

/// <summary>How a silo hosts the cluster's knowledge base (set by the host, not bound from configuration).</summary>
public sealed class KnowledgeOptions
{
    /// <summary>
    /// Fill a knowledge base that was never written with the shipped FAQ entries when it first activates. The server
    /// turns it on unless <c>Conversations:Knowledge:SeedShippedEntries</c> is false.
    /// </summary>
    public bool SeedShippedEntries { get; set; }
}
