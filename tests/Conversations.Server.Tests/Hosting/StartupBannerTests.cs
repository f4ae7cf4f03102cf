using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hosting;

public sealed partial class StartupBannerTests
{
    [Fact]
    public async Task EmbeddedDefault_PrintsTheThreePagesAndACurlThatGetsAToken()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await ServerHost.StartAsync(logs: logs);
        var root = server.BaseAddress.ToString().TrimEnd('/');

        var banner = BannerLines(logs);
        Assert.Contains("Conversations is running: memory storage, single silo, dev auth.", banner);
        Assert.Contains($"  Customer widget:  {root}/", banner);
        Assert.Contains($"  Agent console:    {root}/agent", banner);
        Assert.Contains($"  Operations view:  {root}/ops", banner);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning Conversations.Server.Hosting.StartupBanner: DEV AUTH IS ON", StringComparison.Ordinal));

        // The token line is a command to copy: doing what it says mints a token.
        var curl = CurlLine().Match(Assert.Single(banner, l => l.StartsWith("  Get a token:", StringComparison.Ordinal)));
        Assert.True(curl.Success, "the token line is a curl POST with a JSON body");
        using var content = new StringContent(curl.Groups["body"].Value, System.Text.Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync(new Uri(curl.Groups["url"].Value), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()));
    }

    [Fact]
    public async Task JwtMode_SaysWhoMintsTokens_AndOffersNoDevCommand()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await ServerHost.StartAsync(
            new Dictionary<string, string?> { ["Conversations:Auth:Mode"] = "jwt", ["Conversations:Auth:SigningKey"] = "the-shop-backend-signing-key-32-bytes-or-more" },
            logs: logs);

        var banner = BannerLines(logs);
        Assert.Contains("Conversations is running: memory storage, single silo, jwt auth.", banner);
        Assert.Contains("  Tokens:           HS256 JWTs with claims sub and role, signed with Conversations:Auth:SigningKey by the shop's backend.", banner);
        Assert.DoesNotContain(banner, l => l.Contains("curl", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("DEV AUTH IS ON", StringComparison.Ordinal));
    }

    /// <summary>The lines of the banner, which is logged once the server listens (before StartAsync returns).</summary>
    private static IReadOnlyList<string> BannerLines(CapturingLoggerProvider logs)
    {
        const string prefix = "Information Conversations.Server.Hosting.StartupBanner: ";
        var entry = Assert.Single(logs.Lines, l => l.StartsWith(prefix + "Conversations is running", StringComparison.Ordinal));
        return entry[prefix.Length..].TrimEnd().Split(Environment.NewLine);
    }

    [GeneratedRegex("curl -s -X POST (?<url>\\S+) -H 'Content-Type: application/json' -d '(?<body>[^']+)'$")]
    private static partial Regex CurlLine();
}
