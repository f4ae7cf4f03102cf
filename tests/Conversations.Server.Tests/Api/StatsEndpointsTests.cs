using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Api;

public sealed class StatsEndpointsTests
{
    [Fact]
    public async Task Get_CountsSessionsAndListsEveryQueue()
    {
        await using var server = await ServerHost.StartAsync();
        await using var customer = await server.ConnectCustomerAsync("c-stats");
        await ServerHost.StartSessionAsync(customer);

        using var response = await server.SendAsync(HttpMethod.Get, "/api/stats");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stats = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, stats.GetProperty("activeSessions").GetInt64());
        Assert.Equal(1, stats.GetProperty("sessionsStarted").GetInt64());
        Assert.Equal(1, stats.GetProperty("silos").GetInt32());
        foreach (var field in new[] { "queued", "agentsOnline", "botContainmentRate", "handoffs", "slaBreaches", "avgFirstResponseMs", "csatAverage" })
        {
            Assert.True(stats.TryGetProperty(field, out _), $"stats lack {field}");
        }

        var queues = stats.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("queue").GetString()).ToList();
        Assert.Equal(8, queues.Count);
        Assert.Contains("general:en", queues);
        Assert.Contains("complaints:zh", queues);
    }
}
