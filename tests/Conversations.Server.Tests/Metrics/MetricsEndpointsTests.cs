using System.Net;
using System.Text.RegularExpressions;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Metrics;

public sealed partial class MetricsEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task Metrics_ExposeRuntimeAndDomainMeters_InTheTextFormat()
    {
        await using (var customer = await Server.ConnectCustomerAsync("c-metrics"))
        {
            var (session, events) = await ServerHost.StartSessionAsync(customer);
            await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId = session.SessionId, clientMessageId = "mt-1", text = "count me" });
            await events.WaitForAsync(e => e.Text == "Echo: count me");
        }

        using var response = await Server.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE conversations_runtime_calls_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE conversations_runtime_call_duration_milliseconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("conversations_runtime_call_duration_milliseconds_bucket{le=\"+Inf\"} ", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE conversations_sessions_started_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE conversations_sessions_active gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("conversations_server_hub_invocations_total{hub=\"customer\",method=\"SendMessage\"} ", text, StringComparison.Ordinal);

        // Every line is a comment or a well-formed sample, and every sample's family was declared before it.
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                declared.Add(line.Split(' ')[2]);
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal)) continue;
            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"not a sample line: {line}");
            var name = sample.Groups["name"].Value;
            Assert.Contains(declared, family => name == family || name == family + "_bucket" || name == family + "_sum" || name == family + "_count");
        }
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$""")]
    private static partial Regex SampleLine();
}
