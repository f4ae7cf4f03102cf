using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Health;

public sealed class HealthEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task Live_AnswersWithoutAuth()
    {
        using var response = await Server.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_ReportsTheSiloAndStorage()
    {
        using var response = await Server.Http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", report.GetProperty("status").GetString());
        Assert.Equal("healthy", report.GetProperty("checks").GetProperty("silo").GetProperty("status").GetString());
        Assert.Equal("healthy", report.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }
}
