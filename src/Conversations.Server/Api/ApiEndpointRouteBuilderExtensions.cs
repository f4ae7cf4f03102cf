namespace Conversations.Server.Api;

/// <summary>Maps the REST API of PROTOCOL.md under <c>/api</c>, every error of which is problem+json with a stable code.</summary>
public static class ApiEndpointRouteBuilderExtensions
{
    public const string PathPrefix = "/api";

    public static IServiceCollection AddConversationsApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.AddCode);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(options => Hosting.ServerJson.Configure(options.SerializerOptions));
        return services;
    }

    /// <summary>
    /// First in the pipeline: on <c>/api</c> paths, an exception from any middleware or endpoint and an error status
    /// answered without a body (unknown path, wrong method, a request Kestrel refused) become problem+json too.
    /// Refusals inside the endpoints are answered by <see cref="ApiErrorFilter"/>.
    /// </summary>
    public static WebApplication UseConversationsApiErrors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        return app;
    }

    public static WebApplication MapConversationsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(PathPrefix).AddEndpointFilter<ApiErrorFilter>();
        api.MapOrders();
        api.MapKnowledge();
        api.MapAgents();
        api.MapSessions();
        api.MapBot();
        api.MapStats();
        return app;
    }
}
