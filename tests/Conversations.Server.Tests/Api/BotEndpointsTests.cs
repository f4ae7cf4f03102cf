using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Api;

public sealed class BotEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task Analyze_ReadsIntentSentimentEntitiesAndLanguage()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/bot/analyze", body: new { text = "我的订单 2026111100009305 怎么还没到？" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var analysis = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("order_status", analysis.GetProperty("intent").GetString());
        Assert.Equal("zh", analysis.GetProperty("language").GetString());
        Assert.InRange(analysis.GetProperty("confidence").GetDouble(), 0, 1);
        Assert.True(analysis.GetProperty("alternatives").GetArrayLength() > 0);
        Assert.False(string.IsNullOrEmpty(analysis.GetProperty("sentiment").GetString()));
        var entity = Assert.Single(analysis.GetProperty("entities").EnumerateArray(), e => e.GetProperty("value").GetString() == "2026111100009305");
        Assert.Equal(5, entity.GetProperty("start").GetInt32());
    }

    [Fact]
    public async Task Analyze_WithoutText_IsABadRequestProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/bot/analyze", body: new { language = "en" });
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
    }
}
