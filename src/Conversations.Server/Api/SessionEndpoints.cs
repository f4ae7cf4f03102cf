using Conversations.Abstractions.Sessions;
using Conversations.Runtime;
using Conversations.Server.Auth;
using Conversations.Server.Hubs;

namespace Conversations.Server.Api;

/// <summary><c>/api/sessions</c>: a session's state and its events, for admins, its customer and its agent.</summary>
public static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessions(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var sessions = api.MapGroup("/sessions").RequireAuthorization(AuthPolicies.AnyRole);

        sessions.MapGet("/{sessionId}", async (string sessionId, HttpContext context, IGrainFactory grains) =>
        {
            var id = RouteInput.Id(sessionId, "sessionId");
            return Results.Ok(await SessionAccess.RequireReadableAsync(grains, context.User, id));
        });

        sessions.MapGet("/{sessionId}/events", async (string sessionId, string? afterSeq, string? limit, HttpContext context, IGrainFactory grains) =>
        {
            var id = RouteInput.Id(sessionId, "sessionId");
            var after = HubInput.AfterSeq(RouteInput.Number(afterSeq, "afterSeq"));
            var count = HubInput.Limit((int?)RouteInput.Number(limit, "limit", int.MaxValue));
            await SessionAccess.RequireReadableAsync(grains, context.User, id);
            IReadOnlyList<ConversationEvent> events = await grains.GetGrain<ISessionGrain>(id).GetHistory(after, count);
            return Results.Ok(events);
        });

        return api;
    }
}
