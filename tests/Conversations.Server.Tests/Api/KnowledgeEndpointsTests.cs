using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Server.Auth;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Api;

public sealed class KnowledgeEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task PutListDelete_ManagesAnEntry()
    {
        var entry = new
        {
            category = "logistics",
            language = "en",
            questions = new[] { "Do you ship to Mars?", "Can I get delivery on Mars?" },
            answer = "Not yet, sorry.",
        };

        using var put = await Server.SendAsync(HttpMethod.Put, "/api/knowledge/kb-mars", body: entry);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var list = await Server.SendAsync(HttpMethod.Get, "/api/knowledge?language=en");
        var entries = await list.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("id").GetString() == "kb-mars");
        Assert.All(entries.EnumerateArray(), e => Assert.Equal("en", e.GetProperty("language").GetString()));

        using var delete = await Server.SendAsync(HttpMethod.Delete, "/api/knowledge/kb-mars");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var again = await Server.SendAsync(HttpMethod.Delete, "/api/knowledge/kb-mars");
        await Problems.AssertAsync(again, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Put_NewEntry_IsWhatTheBotAnswersWith()
    {
        await using var server = await ServerHost.StartAsync(realBot: true);
        await using var customer = await server.ConnectCustomerAsync("c-zorblax");
        var (session, events) = await ServerHost.StartSessionAsync(customer);

        using var put = await server.SendAsync(HttpMethod.Put, $"/api/knowledge/{ZorblaxEntry.Id}", body: ZorblaxEntry.Body);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var reply = await ServerHost.AskBotAsync(customer, session.SessionId, events, ZorblaxEntry.Question);

        Assert.Equal(ZorblaxEntry.Answer, reply.Text);
    }

    [Fact]
    public async Task List_HasTheDemoKnowledgeBase()
    {
        using var list = await Server.SendAsync(HttpMethod.Get, "/api/knowledge");
        var entries = await list.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("language").GetString() == "zh");
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("language").GetString() == "en");
    }

    [Fact]
    public async Task List_OfAServerToldNotToSeed_IsEmpty()
    {
        await using var blank = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Conversations:Knowledge:SeedShippedEntries"] = "false" });

        using var list = await blank.SendAsync(HttpMethod.Get, "/api/knowledge");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Empty((await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
    }

    [Fact]
    public async Task Put_InvalidEntry_IsABadRequestProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Put, "/api/knowledge/kb-bad", body: new { category = "nonsense", language = "fr", questions = Array.Empty<string>(), answer = "" });
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
    }

    [Fact]
    public async Task Knowledge_IsForAdminsOnly()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "/api/knowledge", ConversationRoles.Agent, "a-1");
        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }
}
