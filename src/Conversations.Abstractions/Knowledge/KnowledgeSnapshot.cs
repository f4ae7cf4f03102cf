namespace Conversations.Abstractions.Knowledge;

/// <summary>The whole knowledge base at one version, entries ordered by id.</summary>
public sealed record KnowledgeSnapshot(long Version, IReadOnlyList<KnowledgeEntry> Entries);
