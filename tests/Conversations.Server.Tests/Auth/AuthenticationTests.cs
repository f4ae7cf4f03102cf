using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Client;
using Conversations.Runtime.Testing;
using Conversations.Server.Auth;
using Conversations.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Server.Tests.Auth;

public sealed class AuthenticationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string JwtKey = "the-shop-backend-signing-key-32-bytes-or-more";

    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task Hub_WithoutToken_IsRefusedWith401()
    {
        var error = await Assert.ThrowsAsync<HubConnectionException>(() => HubConnection.ConnectAsync(Server.HubUrl("customer")));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Hub_WithBadToken_IsRefusedWith401()
    {
        var error = await Assert.ThrowsAsync<HubConnectionException>(() =>
            HubConnection.ConnectAsync(Server.HubUrl("customer"), new HubConnectionOptions { AccessToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad" }));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Hub_OfTheOtherRole_IsRefusedWith403()
    {
        var customerOnAgentHub = await Assert.ThrowsAsync<HubConnectionException>(() =>
            HubConnection.ConnectAsync(Server.HubUrl("agent"), new HubConnectionOptions { AccessToken = Server.Token(ConversationRoles.Customer, "c-1") }));
        var agentOnCustomerHub = await Assert.ThrowsAsync<HubConnectionException>(() =>
            HubConnection.ConnectAsync(Server.HubUrl("customer"), new HubConnectionOptions { AccessToken = Server.Token(ConversationRoles.Agent, "a-1") }));

        Assert.Equal(HttpStatusCode.Forbidden, customerOnAgentHub.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, agentOnCustomerHub.StatusCode);
    }

    [Fact]
    public async Task Rest_WithoutOrWithBadToken_AnswersUnauthorizedProblem()
    {
        using var none = await Server.SendAsync(HttpMethod.Get, "/api/stats", role: null);
        using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        bad.Headers.Authorization = new("Bearer", "not.a.token");
        using var badResponse = await Server.Http.SendAsync(bad);

        await Problems.AssertAsync(none, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await Problems.AssertAsync(badResponse, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task Rest_AdminEndpointAsCustomer_AnswersForbiddenProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "/api/stats", ConversationRoles.Customer, "c-1");
        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task DevTokens_MintsATokenTheHubsAccept()
    {
        using var response = await Server.Http.PostAsJsonAsync("/api/dev/tokens", new { role = "customer", id = "c-dev" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        await using var customer = await HubConnection.ConnectAsync(Server.HubUrl("customer"), new HubConnectionOptions { AccessToken = token });
        var session = await customer.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web" });
        Assert.False(string.IsNullOrEmpty(session.SessionId));
    }

    [Fact]
    public async Task DevTokens_WithUnknownRole_IsABadRequestProblem()
    {
        using var response = await Server.Http.PostAsJsonAsync("/api/dev/tokens", new { role = "root", id = "x" });
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
    }

    [Fact]
    public async Task JwtMode_AcceptsTheShopsTokens_AndHasNoDevTokens()
    {
        await using var server = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Conversations:Auth:Mode"] = "jwt",
            ["Conversations:Auth:SigningKey"] = JwtKey,
        });

        using var devTokens = await server.Http.PostAsJsonAsync("/api/dev/tokens", new { role = "admin", id = "x" });
        Assert.Equal(HttpStatusCode.NotFound, devTokens.StatusCode);

        var shopToken = new TokenService(
            Microsoft.Extensions.Options.Options.Create(new AuthOptions { Mode = "jwt", SigningKey = JwtKey }), TimeProvider.System)
            .Mint("c-jwt", ConversationRoles.Customer, TimeSpan.FromMinutes(5));
        await using var customer = await HubConnection.ConnectAsync(server.HubUrl("customer"), new HubConnectionOptions { AccessToken = shopToken });
        var session = await customer.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "app" });
        Assert.False(string.IsNullOrEmpty(session.SessionId));

        var foreign = Server.Token(ConversationRoles.Customer, "c-jwt");
        var refused = await Assert.ThrowsAsync<HubConnectionException>(() =>
            HubConnection.ConnectAsync(server.HubUrl("customer"), new HubConnectionOptions { AccessToken = foreign }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task HubCall_AfterTheTokenExpired_IsUnauthorized()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ServerHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        var token = server.Services.GetRequiredService<TokenService>().Mint("c-expiring", ConversationRoles.Customer, TimeSpan.FromMinutes(5));
        await using var customer = await HubConnection.ConnectAsync(server.HubUrl("customer"), new HubConnectionOptions { AccessToken = token });
        await customer.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web" });

        time.Advance(TimeSpan.FromMinutes(10));

        await Hub.FailsWithAsync(ErrorCodes.Unauthorized, () => customer.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web" }));
    }

    [Fact]
    public async Task Tokens_NeverReachTheLogs()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await ServerHost.StartAsync(logs: logs);
        var token = server.Token(ConversationRoles.Customer, "c-logged");

        await using (var customer = await HubConnection.ConnectAsync(server.HubUrl("customer"), new HubConnectionOptions { AccessToken = token }))
        {
            await customer.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web" });
        }

        using var rest = await server.SendAsync(HttpMethod.Get, "/api/stats");
        using var bad = await server.SendAsync(HttpMethod.Get, "/api/stats", role: null);

        Assert.NotEmpty(logs.Lines);
        var signature = token[(token.LastIndexOf('.') + 1)..];
        Assert.DoesNotContain(logs.Lines, line => line.Contains(signature, StringComparison.Ordinal));
    }
}
