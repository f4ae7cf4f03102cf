using Conversations.Runtime;

namespace Conversations.Abstractions.Knowledge;

/// <summary>
/// The cluster's knowledge base (one activation, key <see cref="KnowledgeGrains.Key"/>): owns the FAQ entries and a
/// version that grows with every change. Each silo answers from a local search index it rebuilds when the version moves.
/// </summary>
public interface IKnowledgeGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces the entry with the same id (<c>E_BAD_REQUEST</c> listing every problem); returns the new version.</summary>
    Task<long> Upsert(KnowledgeEntry entry);

    /// <summary>Removes the entry (<c>E_NOT_FOUND</c> when there is none); returns the new version.</summary>
    Task<long> Delete(string entryId);

    /// <summary>The current version: what silos poll to know whether their index is stale.</summary>
    [ReadOnly]
    Task<long> GetVersion();

    /// <summary>Every entry, ordered by id, with the version they make up.</summary>
    [ReadOnly]
    Task<KnowledgeSnapshot> GetEntries();
}
