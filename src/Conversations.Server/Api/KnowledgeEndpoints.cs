using Conversations.Abstractions;
using Conversations.Abstractions.Knowledge;
using Conversations.Bot.Knowledge;
using Conversations.Runtime;
using Conversations.Server.Auth;

namespace Conversations.Server.Api;

/// <summary>
/// <c>/api/knowledge</c> (admin): the bot's FAQ entries, kept by the cluster's knowledge grain. An edit is answered by
/// this silo's bot at once and by the other silos' within <see cref="KnowledgeSync.RefreshPeriod"/>.
/// </summary>
public static class KnowledgeEndpoints
{
    public static RouteGroupBuilder MapKnowledge(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var knowledge = api.MapGroup("/knowledge").RequireAuthorization(AuthPolicies.Admin);

        knowledge.MapPut("/{entryId}", async (string entryId, HttpRequest request, IGrainFactory grains, KnowledgeSync local) =>
        {
            var id = RouteInput.Id(entryId, "entryId");
            var body = await ApiJson.ReadAsync<KnowledgeEntryRequest>(request);
            var entry = new KnowledgeEntry(
                id,
                body.Category ?? string.Empty,
                body.Language ?? string.Empty,
                string.IsNullOrWhiteSpace(body.Intent) ? null : body.Intent,
                body.Questions ?? [],
                body.Answer ?? string.Empty,
                body.Related);
            await grains.GetKnowledgeBase().Upsert(entry);
            await local.RefreshAsync();
            return Results.Ok(entry);
        });

        knowledge.MapDelete("/{entryId}", async (string entryId, IGrainFactory grains, KnowledgeSync local) =>
        {
            var id = RouteInput.Id(entryId, "entryId");
            await grains.GetKnowledgeBase().Delete(id);
            await local.RefreshAsync();
            return Results.NoContent();
        });

        knowledge.MapGet("/", async (string? language, string? category, IGrainFactory grains) =>
        {
            var snapshot = await grains.GetKnowledgeBase().GetEntries();
            return Results.Ok(KnowledgeBase.Select(
                snapshot.Entries,
                string.IsNullOrWhiteSpace(language) ? null : language,
                string.IsNullOrWhiteSpace(category) ? null : category));
        });

        return api;
    }
}
