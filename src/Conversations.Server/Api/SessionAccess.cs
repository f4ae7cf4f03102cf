using System.Security.Claims;
using Conversations.Abstractions;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Sessions;
using Conversations.Runtime;
using Conversations.Server.Auth;
using Conversations.Server.Internal;

namespace Conversations.Server.Api;

/// <summary>
/// Who may read a session: admins, the customer it belongs to, and an agent it is assigned or offered to, or who serves
/// a later session of a repeat contact about it (<c>IAgentGrain.CanSee</c>). Anyone else gets one refusal (E_FORBIDDEN)
/// whether the session exists or not: a session id's existence is not theirs to learn.
/// </summary>
public static class SessionAccess
{
    /// <summary>The refusal for a session that is not the caller's, or does not exist.</summary>
    public static ConversationException NotYours() => ConversationException.Forbidden("no session of yours has this id.");

    public static async Task<SessionSnapshot> RequireReadableAsync(IGrainFactory grains, ClaimsPrincipal user, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(user);
        var session = grains.GetGrain<ISessionGrain>(sessionId);
        var callerId = user.CallerId();
        var role = user.Role();
        if (role == ConversationRoles.Admin) return await session.GetSnapshot();

        var snapshot = await AsOwnerAsync(session.GetSnapshot);
        var allowed = role switch
        {
            ConversationRoles.Customer => snapshot.CustomerId == callerId,
            ConversationRoles.Agent => await grains.GetGrain<IAgentGrain>(callerId).CanSee(sessionId) || await session.IsVisibleToAgent(callerId),
            _ => false,
        };
        return allowed ? snapshot : throw NotYours();
    }

    /// <summary>A call about a session on behalf of someone who is not an admin: "no such session" and "not yours" become <see cref="NotYours"/>.</summary>
    public static async Task<T> AsOwnerAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (Exception e) when (ErrorMapping.TryMap(e, out var code, out _) && code is ErrorCodes.NotFound or ErrorCodes.Forbidden)
        {
            throw NotYours();
        }
    }
}
