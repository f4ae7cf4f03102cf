namespace Conversations.Abstractions.Knowledge;

/// <summary>
/// One FAQ entry: several phrasings of the same question, the answer, and up to five related entry ids.
/// <see cref="Intent"/>, when set, is the intent the entry answers and earns it a boost in search.
/// </summary>
public sealed record KnowledgeEntry(
    string Id,
    string Category,
    string Language,
    string? Intent,
    IReadOnlyList<string> Questions,
    string Answer,
    IReadOnlyList<string>? Related = null)
{
    /// <summary>Ids of related entries; never null.</summary>
    public IReadOnlyList<string> Related { get; init; } = Related ?? [];
}
