namespace Conversations.Server.Api;

/// <summary>Body of <c>PUT /api/knowledge/{entryId}</c>.</summary>
public sealed record KnowledgeEntryRequest(
    string? Category,
    string? Language,
    IReadOnlyList<string>? Questions,
    string? Answer,
    string? Intent = null,
    IReadOnlyList<string>? Related = null);
