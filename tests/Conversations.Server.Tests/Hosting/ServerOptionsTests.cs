using Conversations.Server.Hosting;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hosting;

public sealed class ServerOptionsTests
{
    [Fact]
    public async Task Start_WithPostgresMembershipOnMemoryStorage_FailsNamingBothKeys()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerHost.StartAsync(new Dictionary<string, string?> { ["Conversations:Cluster:Membership"] = "postgres" }));
        Assert.Contains("Conversations:Cluster:Membership", error.Message, StringComparison.Ordinal);
        Assert.Contains("Conversations:Storage", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Conversations:Storage", "disk")]
    [InlineData("Conversations:Auth:Mode", "anonymous")]
    [InlineData("Conversations:RateLimits:MessagesPerSecond", "0")]
    [InlineData("Conversations:Admission:MaxActiveSessions", "-5")]
    [InlineData("Conversations:Telemetry:OtlpProtocol", "carrier-pigeon")]
    public async Task Start_WithAnInvalidValue_FailsNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerHost.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithPostgresStorageButNoConnectionString_FailsNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerHost.StartAsync(new Dictionary<string, string?> { ["Conversations:Storage"] = "postgres" }));
        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_AreTheEmbeddedSingleSilo()
    {
        var options = new ServerOptions();
        options.Validate();
        Assert.Equal("memory", options.Storage);
        Assert.Equal("single", options.Cluster.Membership);
    }
}
