using System.Text.Encodings.Web;
using Conversations.Abstractions;
using Conversations.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Conversations.Server.Auth;

/// <summary>
/// Reads the bearer token (<c>Authorization: Bearer</c>, or <c>access_token</c> on hub URLs, where browsers cannot
/// set headers) and validates it with <see cref="TokenService"/>; refusals answer with problem+json.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string FailureKey = "conversations.auth.failure";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (!tokens.TryValidate(token, out var principal, out var failure))
        {
            Context.Items[FailureKey] = failure;
            return Task.FromResult(AuthenticateResult.Fail(failure));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        var detail = Context.Items.TryGetValue(FailureKey, out var failure) && failure is string reason
            ? $"{ErrorCodes.Unauthorized}: {reason}."
            : $"{ErrorCodes.Unauthorized}: a bearer token is required (Authorization: Bearer …, or access_token= on hub URLs).";
        await ApiProblems.WriteAsync(Context, ErrorCodes.Unauthorized, detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, ErrorCodes.Forbidden, $"{ErrorCodes.Forbidden}: this endpoint is not open to the role '{Context.User.FindFirst(ConversationRoles.RoleClaim)?.Value}'.");

    private string? ReadToken()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var value = header["Bearer ".Length..].Trim();
            return value.Length == 0 ? null : value;
        }

        if (Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            && Request.Query.TryGetValue("access_token", out var queryToken)
            && !string.IsNullOrEmpty(queryToken))
        {
            return queryToken.ToString();
        }

        return null;
    }
}
