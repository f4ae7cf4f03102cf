using Conversations.Abstractions;
using Conversations.Bot;
using Conversations.Server.Auth;
using Conversations.Server.Hubs;

namespace Conversations.Server.Api;

/// <summary><c>POST /api/bot/analyze</c> (admin): what the bot understands of a text (intent, sentiment, entities, language).</summary>
public static class BotEndpoints
{
    public static RouteGroupBuilder MapBot(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/bot/analyze", async (HttpRequest request, BotAnalyzer analyzer) =>
        {
            var body = await ApiJson.ReadAsync<AnalyzeRequest>(request);
            var text = HubInput.Text(body.Text);
            var language = HubInput.Language(body.Language);
            try
            {
                return Results.Ok(analyzer.Analyze(text, language));
            }
            catch (ArgumentException e)
            {
                throw ConversationException.BadRequest(e.Message);
            }
        }).RequireAuthorization(AuthPolicies.Admin);
        return api;
    }
}
