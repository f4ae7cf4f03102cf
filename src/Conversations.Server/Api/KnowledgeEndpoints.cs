using Conversations.Abstractions;
using Conversations.Bot.Knowledge;
using Conversations.Server.Auth;

namespace Conversations.Server.Api;

/// <summary><c>/api/knowledge</c> (admin): the bot's FAQ entries, served from this silo's knowledge base.</summary>
public static class KnowledgeEndpoints
{
    public static RouteGroupBuilder MapKnowledge(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var knowledge = api.MapGroup("/knowledge").RequireAuthorization(AuthPolicies.Admin);

        knowledge.MapPut("/{entryId}", async (string entryId, HttpRequest request, KnowledgeBase knowledgeBase) =>
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
            try
            {
                knowledgeBase.Upsert(entry);
            }
            catch (ArgumentException e)
            {
                throw ConversationException.BadRequest(e.Message);
            }

            return Results.Ok(entry);
        });

        knowledge.MapDelete("/{entryId}", (string entryId, KnowledgeBase knowledgeBase) =>
        {
            var id = RouteInput.Id(entryId, "entryId");
            return knowledgeBase.Delete(id) ? Results.NoContent() : throw ConversationException.NotFound($"no knowledge entry '{id}'.");
        });

        knowledge.MapGet("/", (string? language, string? category, KnowledgeBase knowledgeBase) =>
            Results.Ok(knowledgeBase.List(string.IsNullOrWhiteSpace(language) ? null : language, string.IsNullOrWhiteSpace(category) ? null : category)));

        return api;
    }
}
