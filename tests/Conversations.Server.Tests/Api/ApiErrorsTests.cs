using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Server.Tests.Api;

/// <summary>Errors answered outside the endpoints' own filter are problem+json with a stable code too, on /api paths only.</summary>
public sealed class ApiErrorsTests
{
    [Fact]
    public async Task WrongMethod_OnAnApiPath_IsAMethodNotAllowedProblem()
    {
        await using var server = await ServerHost.StartAsync();

        using var post = await server.SendAsync(HttpMethod.Post, "/api/sessions/s-1");
        using var delete = await server.SendAsync(HttpMethod.Delete, "/api/orders/o-1", role: null);

        await Problems.AssertAsync(post, HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed);
        Assert.Equal(["GET"], post.Content.Headers.Allow);
        await Problems.AssertAsync(delete, HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed);
    }

    [Fact]
    public async Task UnknownApiPath_WithOrWithoutToken_IsANotFoundProblem_ButOtherPathsAreNot()
    {
        await using var server = await ServerHost.StartAsync();

        using var withToken = await server.SendAsync(HttpMethod.Get, "/api/nothing/here");
        using var withoutToken = await server.SendAsync(HttpMethod.Put, "/api", role: null);
        using var page = await server.SendAsync(HttpMethod.Get, "/nothing-here.html", role: null);

        await Problems.AssertAsync(withToken, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await Problems.AssertAsync(withoutToken, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.NotEqual("application/problem+json", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ExceptionInAMiddleware_OnAnApiPath_IsAnInternalProblem_LoggedButNotShown()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await ServerHost.StartAsync(services: s => s.AddSingleton<IStartupFilter>(new FailingMiddleware()), logs: logs);

        using var failed = await server.SendAsync(HttpMethod.Get, FailingMiddleware.FailsPath);

        var problem = await Problems.AssertAsync(failed, HttpStatusCode.InternalServerError, ErrorCodes.Internal);
        Assert.DoesNotContain(FailingMiddleware.Secret, problem.ToString(), StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains(FailingMiddleware.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusalInAMiddleware_OnAnApiPath_KeepsItsCode()
    {
        await using var server = await ServerHost.StartAsync(services: s => s.AddSingleton<IStartupFilter>(new FailingMiddleware()));

        using var refused = await server.SendAsync(HttpMethod.Get, FailingMiddleware.RefusesPath);

        await Problems.AssertAsync(refused, HttpStatusCode.Conflict, ErrorCodes.Conflict);
    }

    [Fact]
    public async Task BodyOverKestrelsLimit_IsABadRequestProblemWithStatus413()
    {
        await using var server = await ServerHost.StartAsync(services: s => s.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 64));

        using var tooLarge = await server.SendAsync(HttpMethod.Put, "/api/orders/o-large", body: new { customerId = "c-1", note = new string('x', 200) });

        var problem = await tooLarge.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ErrorCodes.BadRequest, problem.GetProperty("code").GetString());
        Assert.StartsWith(ErrorCodes.BadRequest, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A middleware behind the server's own pipeline (reached by paths no endpoint takes) that throws on two paths.</summary>
    private sealed class FailingMiddleware : IStartupFilter
    {
        public const string FailsPath = "/api/test/fails";
        public const string RefusesPath = "/api/test/refuses";
        public const string Secret = "connection string with password=hunter2";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path.Value switch
            {
                FailsPath => throw new InvalidOperationException(Secret),
                RefusesPath => throw ConversationException.Conflict("refused by a middleware."),
                _ => nextMiddleware(context),
            });
        };
    }
}
