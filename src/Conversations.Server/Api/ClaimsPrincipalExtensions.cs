using System.Security.Claims;
using Conversations.Abstractions;
using Conversations.Server.Auth;

namespace Conversations.Server.Api;

/// <summary>The caller of a REST endpoint: id (<c>sub</c>) and role.</summary>
public static class ClaimsPrincipalExtensions
{
    public static string CallerId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(ConversationRoles.SubjectClaim)?.Value is { Length: > 0 } id
            ? id
            : throw new ConversationException(ErrorCodes.Unauthorized, "the token names no caller (sub).", true);
    }

    public static string? Role(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(ConversationRoles.RoleClaim)?.Value;
    }
}
