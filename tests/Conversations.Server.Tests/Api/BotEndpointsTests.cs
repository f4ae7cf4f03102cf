using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Server.Auth;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Api;

public sealed class BotEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task Analyze_ReadsIntentSentimentEntitiesAndLanguage()
    {
        var analysis = await AnalyzeAsync(new { text = "我的订单 2026111100009305 怎么还没到？" });

        Assert.Equal("order_status", analysis.GetProperty("intent").GetString());
        Assert.Equal("zh", analysis.GetProperty("language").GetString());
        Assert.InRange(analysis.GetProperty("confidence").GetDouble(), 0, 1);
        Assert.True(analysis.GetProperty("alternatives").GetArrayLength() > 0);
        Assert.False(string.IsNullOrEmpty(analysis.GetProperty("sentiment").GetString()));
        var entity = Assert.Single(analysis.GetProperty("entities").EnumerateArray(), e => e.GetProperty("value").GetString() == "2026111100009305");
        Assert.Equal(5, entity.GetProperty("start").GetInt32());
    }

    [Theory]
    [InlineData("this is a scam, you thieves!!! give me my money back", "angry")]
    [InlineData("thank you so much, great service", "positive")]
    public async Task Analyze_SentimentScore_IsNegativeForAnAngryMessageAndPositiveForAHappyOne(string text, string sentiment)
    {
        var analysis = await AnalyzeAsync(new { text });

        Assert.Equal(sentiment, analysis.GetProperty("sentiment").GetString());
        var score = analysis.GetProperty("sentimentScore").GetDouble();
        Assert.True(sentiment == "angry" ? score < -0.3 : score > 0.3, $"sentimentScore {score} for a {sentiment} message");
    }

    [Fact]
    public async Task Analyze_WithALanguageHint_ReportsTheSessionsLanguageInsteadOfTheDetectedOne()
    {
        var detected = await AnalyzeAsync(new { text = "where is my order" });
        var hinted = await AnalyzeAsync(new { text = "where is my order", language = "zh" });

        Assert.Equal("en", detected.GetProperty("language").GetString());
        Assert.Equal("zh", hinted.GetProperty("language").GetString());
        Assert.Equal("order_status", hinted.GetProperty("intent").GetString());
    }

    [Fact]
    public async Task Analyze_WithAnUnsupportedLanguageHint_IsABadRequestProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/bot/analyze", body: new { text = "bonjour", language = "fr" });
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
    }

    [Theory]
    [InlineData(ConversationRoles.Customer, "c-1001")]
    [InlineData(ConversationRoles.Agent, "a-01")]
    public async Task Analyze_ForANonAdmin_IsForbiddenProblem(string role, string id)
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/bot/analyze", role, id, new { text = "where is my order" });
        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Analyze_WithoutAToken_IsUnauthorized()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/bot/analyze", role: null, body: new { text = "where is my order" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Analyze_WithoutText_IsABadRequestProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/bot/analyze", body: new { language = "en" });
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
    }

    private async Task<JsonElement> AnalyzeAsync(object body)
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/bot/analyze", body: body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
