using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Load.Scenarios;
using Conversations.Load.Tests.Fixtures;
using Conversations.Load.Tests.Scenarios;

namespace Conversations.Load.Tests;

/// <summary>The command as a user runs it: options, scenario file, runs and report together.</summary>
public sealed partial class LoadCommandTests : IDisposable
{
    private const string Scenario = """
        {
          "name": "warm",
          "arrival": { "rate": 40, "spike": { "at": 1, "multiplier": 3, "rampSeconds": 0.2, "holdSeconds": 0.5 } },
          "customers": { "thinkSeconds": { "min": 0, "max": 0.05 }, "reconnectProbability": 0 },
          "mix": [ { "name": "order", "weight": 1, "intent": "order_status", "openers": { "zh": ["订单到哪了"], "en": ["Where is my order?"] } } ]
        }
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("load-command-");

    [Fact]
    public async Task WarmUp_DrivesOtherCustomersFirst_AndTheReportCountsOnlyTheMeasuredRun()
    {
        await using FakeConversationServer server = await FakeConversationServer.StartAsync(FakeFault.None);
        string scenario = Path.Combine(_directory.FullName, "warm.json");
        await File.WriteAllTextAsync(scenario, Scenario);
        var output = new StringWriter();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        int exit = await LoadCommand.RunAsync(
            ["--url", server.Url.ToString(), "--scenario", scenario, "--customers", "3", "--agents", "0", "--duration", "1.5", "--warm-up", "1.5", "--out", _directory.FullName],
            output,
            TextWriter.Null,
            deadline.Token);

        Assert.Equal(0, exit);
        string[] tokens = [.. server.Store.CustomerTokens];
        string[] warmUp = ["warm-up-load-c-1", "warm-up-load-c-2", "warm-up-load-c-3"];
        string[] measured = ["load-c-1", "load-c-2", "load-c-3"];
        Assert.Equal([.. measured, .. warmUp], tokens.Distinct().Order(StringComparer.Ordinal));
        Assert.True(tokens.ToList().FindLastIndex(warmUp.Contains) < tokens.ToList().FindIndex(measured.Contains), "the warm-up ran first");

        using JsonDocument report = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_directory.FullName, "report.json")));
        long reportedAcks = report.RootElement.GetProperty("messagesAcked").GetInt64();
        long warmUpAcks = long.Parse(WarmUpDone().Match(output.ToString()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(reportedAcks > 0 && warmUpAcks > 0);
        Assert.Equal(server.Store.CustomerMessages, reportedAcks + warmUpAcks);
        Assert.Equal(1.5, report.RootElement.GetProperty("warmUpSeconds").GetDouble());
    }

    [Fact]
    public async Task WarmUp_WithARecordedTrace_IsRefusedAsBadInput()
    {
        var error = new StringWriter();

        int exit = await LoadCommand.RunAsync(["--scenario", ScenarioParserTests.RepoFile("load/scenarios/recorded-day.jsonl"), "--warm-up", "10"], TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("--warm-up needs a scenario with a conversation mix", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WarmUpScenario_KeepsTheMixAndRate_WithoutTheSpike_ForCustomersOfItsOwn()
    {
        Scenario peak = ScenarioParser.Load(ScenarioParserTests.RepoFile("load/scenarios/peak-sale.json"));

        Scenario warm = LoadCommand.WarmUpScenario(peak);

        Assert.Null(warm.Arrival.Spike);
        Assert.Equal(peak.Arrival.Rate, warm.Arrival.Rate);
        Assert.Same(peak.Mix, warm.Mix);
        Assert.False(warm.Customers.DemoCustomers);
        Assert.Equal("warm-up-" + peak.Customers.SyntheticPrefix, warm.Customers.SyntheticPrefix);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    [GeneratedRegex(@"Warm-up done: (\d+) acknowledged")]
    private static partial Regex WarmUpDone();
}
