using System.Security.Claims;
using Conversations.Abstractions;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Sessions;
using Conversations.Runtime;
using Conversations.Server.Auth;

namespace Conversations.Server.Api;

/// <summary>
/// Who may read a session: admins, the customer it belongs to, and an agent it is assigned or offered to, or who serves
/// a later session of a repeat contact about it (<c>IAgentGrain.CanSee</c>).
/// </summary>
public static class SessionAccess
{
    public static async Task<SessionSnapshot> RequireReadableAsync(IGrainFactory grains, ClaimsPrincipal user, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(user);
        var session = grains.GetGrain<ISessionGrain>(sessionId);
        var snapshot = await session.GetSnapshot();
        var callerId = user.CallerId();
        var allowed = user.Role() switch
        {
            ConversationRoles.Admin => true,
            ConversationRoles.Customer => snapshot.CustomerId == callerId,
            ConversationRoles.Agent => await grains.GetGrain<IAgentGrain>(callerId).CanSee(sessionId) || await session.IsVisibleToAgent(callerId),
            _ => false,
        };
        return allowed ? snapshot : throw ConversationException.Forbidden("this session is not yours to read.");
    }
}
