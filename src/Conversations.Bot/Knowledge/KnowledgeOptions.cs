namespace Conversations.Bot.Knowledge;

/// <summary>How a silo hosts the cluster's knowledge base (set by the host, not bound from configuration).</summary>
public sealed class KnowledgeOptions
{
    /// <summary>
    /// Fill a knowledge base that was never written with the shipped demo entries when it first activates. The server
    /// turns it on together with its demo data (<c>Conversations:Demo:Enabled</c>).
    /// </summary>
    public bool SeedDemoEntries { get; set; }
}
