using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Client.Tests.Fixtures;

/// <summary>A hub that only authenticated callers reach, to check how the client carries its token.</summary>
[Authorize]
public sealed class SecureHub : Hub
{
    /// <summary>The user's name and where the WebSocket request carried the token.</summary>
    public string WhoAmI() =>
        $"{Context.User?.Identity?.Name} via {Context.User?.FindFirst(TestAuthenticationHandler.TokenSourceClaim)?.Value}";
}
