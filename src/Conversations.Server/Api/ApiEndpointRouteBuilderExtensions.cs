using Conversations.Abstractions;

namespace Conversations.Server.Api;

/// <summary>Maps the REST API of PROTOCOL.md under <c>/api</c>, every endpoint answering refusals with problem+json.</summary>
public static class ApiEndpointRouteBuilderExtensions
{
    public static IServiceCollection AddConversationsApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => Hosting.ServerJson.Configure(options.SerializerOptions));
        return services;
    }

    public static WebApplication MapConversationsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api").AddEndpointFilter<ApiErrorFilter>();
        api.MapOrders();
        api.MapKnowledge();
        api.MapAgents();
        api.MapSessions();
        api.MapBot();
        api.MapStats();
        // Unknown API paths answer in the API's own error shape rather than an empty 404.
        api.MapFallback(() => ApiProblems.Result(ErrorCodes.NotFound, $"{ErrorCodes.NotFound}: no such API endpoint.")).AllowAnonymous();
        return app;
    }
}
