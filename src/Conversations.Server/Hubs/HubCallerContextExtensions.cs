using Conversations.Abstractions;
using Conversations.Server.Auth;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Server.Hubs;

/// <summary>Who is calling a hub: the token's <c>sub</c>.</summary>
public static class HubCallerContextExtensions
{
    public static string CallerId(this HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User?.FindFirst(ConversationRoles.SubjectClaim)?.Value is { Length: > 0 } id
            ? id
            : throw new ConversationException(ErrorCodes.Unauthorized, "the token names no caller (sub).", true);
    }
}
