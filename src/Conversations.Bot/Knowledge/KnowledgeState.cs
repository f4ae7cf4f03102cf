using Conversations.Abstractions.Knowledge;

namespace Conversations.Bot.Knowledge;

/// <summary>The cluster's knowledge base as stored: the entries by id and the version of the last change.</summary>
public sealed class KnowledgeState
{
    public long Version { get; set; }

    public Dictionary<string, KnowledgeEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}
