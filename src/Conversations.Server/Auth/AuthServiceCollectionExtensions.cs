using Conversations.Abstractions;
using Conversations.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Conversations.Server.Auth;

/// <summary>Registers bearer-token authentication, the role policies and, in dev mode, the token endpoint.</summary>
public static class AuthServiceCollectionExtensions
{
    public const string DevTokensPath = "/api/dev/tokens";
    private const int MaxIdLength = 64;

    public static IServiceCollection AddConversationsAuth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = AuthOptions.FromConfiguration(configuration);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<TokenService>();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Customer, p => p.RequireAuthenticatedUser().RequireRole(ConversationRoles.Customer))
            .AddPolicy(AuthPolicies.Agent, p => p.RequireAuthenticatedUser().RequireRole(ConversationRoles.Agent))
            .AddPolicy(AuthPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(ConversationRoles.Admin))
            .AddPolicy(AuthPolicies.AnyRole, p => p.RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Authentication and authorization middleware, and in dev mode <c>POST /api/dev/tokens</c> (404 otherwise, as any unknown path).</summary>
    public static WebApplication MapConversationsAuth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();

        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (!options.IsDev) return app;

        app.MapPost(DevTokensPath, async (HttpRequest request, TokenService tokens, TimeProvider time) =>
        {
            var body = await ApiJson.ReadAsync<DevTokenRequest>(request);
            var role = body.Role?.Trim().ToLowerInvariant();
            if (!ConversationRoles.IsKnown(role)) throw ConversationException.BadRequest("role must be customer, agent or admin.");
            var id = body.Id?.Trim();
            if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !id.All(IsIdCharacter))
            {
                throw ConversationException.BadRequest($"id must be 1 to {MaxIdLength} characters of letters, digits, '-', '_', '.' or ':'.");
            }

            var token = tokens.Mint(id, role!, options.DevTokenLifetime);
            return Results.Ok(new DevTokenResponse(token, time.GetUtcNow() + options.DevTokenLifetime));
        })
        .AddEndpointFilter<ApiErrorFilter>()
        .AllowAnonymous();
        return app;
    }

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
