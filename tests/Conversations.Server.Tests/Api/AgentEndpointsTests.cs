using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Api;

public sealed class AgentEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task Put_DefinesTheAgent()
    {
        using var response = await Server.SendAsync(HttpMethod.Put, "/api/agents/a-rest", body: new { name = "Ada", skills = new[] { "presales", "general" }, languages = new[] { "en" }, capacity = 4 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var agent = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Ada", agent.GetProperty("name").GetString());
        Assert.Equal("a-rest", agent.GetProperty("agentId").GetString());
        Assert.Equal("offline", agent.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Put_WithUnknownSkill_IsABadRequestProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Put, "/api/agents/a-rest-bad", body: new { name = "Bob", skills = new[] { "magic" }, languages = new[] { "en" }, capacity = 4 });
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
    }
}
