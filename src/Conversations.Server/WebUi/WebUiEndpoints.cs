namespace Conversations.Server.WebUi;

/// <summary>Serves the web UI from <c>wwwroot</c>: <c>/</c> the customer widget, <c>/agent</c> the agent console, <c>/ops</c> the operations view.</summary>
public static class WebUiEndpoints
{
    public const string CustomerPage = "index.html";
    public const string AgentPage = "agent.html";
    public const string OpsPage = "ops.html";

    public static WebApplication MapConversationsWebUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGet("/agent", (IWebHostEnvironment environment) => Page(environment, AgentPage)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/ops", (IWebHostEnvironment environment) => Page(environment, OpsPage)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Page(IWebHostEnvironment environment, string page)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(page);
        return file.Exists && file.PhysicalPath is { } path
            ? Results.File(path, "text/html; charset=utf-8")
            : Results.NotFound();
    }
}
