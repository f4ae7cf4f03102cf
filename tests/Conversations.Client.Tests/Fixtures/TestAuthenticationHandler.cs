using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Client.Tests.Fixtures;

/// <summary>
/// Accepts <c>test-token-for-{name}</c> from the Authorization header on any request, and from the
/// <c>access_token</c> query parameter only on WebSocket requests, as SignalR servers commonly do.
/// </summary>
public sealed class TestAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string TokenPrefix = "test-token-for-";
    public const string TokenSourceClaim = "token-source";

    public static string TokenFor(string name) => TokenPrefix + name;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = null;
        string source = "header";
        string? authorization = Request.Headers.Authorization;
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            token = authorization["Bearer ".Length..];
        }
        else if (Context.WebSockets.IsWebSocketRequest && Request.Query.TryGetValue("access_token", out var queryToken))
        {
            token = queryToken.ToString();
            source = "query";
        }

        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown token."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, token[TokenPrefix.Length..]), new Claim(TokenSourceClaim, source)],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
