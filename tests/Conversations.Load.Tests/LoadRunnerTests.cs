using Conversations.Load.Measurement;
using Conversations.Load.Scenarios;
using Conversations.Load.Tests.Fixtures;

namespace Conversations.Load.Tests;

/// <summary>The whole customer path against fake servers that keep, drop or duplicate what they acknowledged.</summary>
public sealed class LoadRunnerTests
{
    [Fact]
    public async Task Run_AgainstAnHonestServer_FindsNoLossAndNoDuplicates()
    {
        RunResult result = await RunAgainstAsync(FakeFault.None);

        Assert.True(result.Metrics.Counters[nameof(Counter.MessagesAcked)] > 0);
        Assert.True(result.SessionsAudited > 0);
        Assert.Equal(0, result.Audit.Lost);
        Assert.Equal(0, result.Audit.Duplicates);
        Assert.Equal(0, result.SessionsUnreadable);
    }

    [Fact]
    public async Task Run_AgainstAServerThatDropsAnAckedMessage_CountsItLost()
    {
        RunResult result = await RunAgainstAsync(FakeFault.DropAcked);

        Assert.Equal(result.SessionsAudited, result.Audit.Lost);
        Assert.True(result.Audit.Lost > 0);
    }

    [Fact]
    public async Task Run_AgainstAServerThatStoresTwice_CountsDuplicates()
    {
        RunResult result = await RunAgainstAsync(FakeFault.Duplicate);

        Assert.Equal(result.Metrics.Counters[nameof(Counter.MessagesAcked)], result.Audit.Duplicates);
        Assert.Equal(0, result.Audit.Lost);
    }

    [Fact]
    public async Task Run_AgainstTheEchoBaseline_AcksAndAnswersWithoutAudit()
    {
        await using Baseline.EchoServer echo = await Baseline.EchoServer.StartAsync();
        var options = new LoadOptions { Url = echo.Url, Customers = 4, Agents = 0, DurationSeconds = 1.5 };
        var runner = new LoadRunner(options, FastScenario(), echo.Url, echoServer: true, TextWriter.Null, new Dictionary<string, IReadOnlyList<string>>());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        RunResult result = await runner.RunAsync(null, null, deadline.Token);

        long acked = result.Metrics.Counters[nameof(Counter.MessagesAcked)];
        Assert.True(acked > 0);
        Assert.Equal(acked, result.Metrics.Counters[nameof(Counter.BotReplies)]);
        Assert.Empty(result.Metrics.Errors);
        Assert.Equal(0, result.SessionsAudited);
    }

    [Fact]
    public async Task Agents_DropRevokedOffers_CountARefusalExplainedByARevocationAsALostRace_AndAnyOtherAsAnError()
    {
        await using FakeConversationServer server = await FakeConversationServer.StartAsync(FakeFault.None);
        Scenario fast = FastScenario();
        Scenario scenario = fast with
        {
            Agents = fast.Agents with { AcceptDelaySeconds = new SecondsRange(0.2, 0.2), DeclineProbability = 0 },
        };
        var options = new LoadOptions { Url = server.Url, Customers = 1, Agents = 1, DurationSeconds = 2 };
        var runner = new LoadRunner(options, scenario, server.Url, echoServer: false, TextWriter.Null, new Dictionary<string, IReadOnlyList<string>>());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        RunResult result = await runner.RunAsync(null, null, deadline.Token);

        Assert.DoesNotContain("o-gone", server.AgentLog.Accepts);
        Assert.Equal(1, result.Metrics.Counters[nameof(Counter.RacesLost)]);
        Assert.Equal(1, result.Metrics.ErrorsByMethod!["agent AcceptOffer E_CONFLICT"]);
    }

    [Fact]
    public async Task Saturation_CustomersHandedOff_CloseWithoutWaitingForAnAgent_SoTheLoopIsBoundByTheEngine()
    {
        await using FakeConversationServer server = await FakeConversationServer.StartAsync(FakeFault.None);
        Scenario fast = FastScenario();
        var person = new ConversationKind("person", 1, "human_agent", HandoffMode.Request, fast.Mix[0].Openers, fast.Mix[0].FollowUps, 0, 0);
        Scenario scenario = fast with { Mix = [person] };
        var options = new LoadOptions { Url = server.Url, Customers = 2, Agents = 0, DurationSeconds = 1.5, MaxRate = true };
        var runner = new LoadRunner(options, scenario, server.Url, echoServer: false, TextWriter.Null, new Dictionary<string, IReadOnlyList<string>>());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        RunResult result = await runner.RunAsync(null, null, deadline.Token);

        IReadOnlyDictionary<string, long> counters = result.Metrics.Counters;
        Assert.True(counters[nameof(Counter.ConversationsCompleted)] > 2, $"only {counters[nameof(Counter.ConversationsCompleted)]} conversations completed");
        Assert.Equal(counters[nameof(Counter.Handoffs)], counters[nameof(Counter.AgentWaitsSkipped)]);
        Assert.Equal(0, counters[nameof(Counter.AssignmentTimeouts)]);
    }

    private static Scenario FastScenario() => ScenarioParser.Defaults("fake") with
    {
        Arrival = new ArrivalCurve(40, null),
        Customers = ScenarioParser.Defaults("fake").Customers with { ThinkSeconds = new SecondsRange(0, 0.05) },
    };

    private static async Task<RunResult> RunAgainstAsync(FakeFault fault)
    {
        await using FakeConversationServer server = await FakeConversationServer.StartAsync(fault);
        Scenario scenario = FastScenario();
        var options = new LoadOptions { Url = server.Url, Customers = 4, Agents = 0, DurationSeconds = 1.5 };
        var runner = new LoadRunner(options, scenario, server.Url, echoServer: false, TextWriter.Null, new Dictionary<string, IReadOnlyList<string>>());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await runner.RunAsync(null, null, deadline.Token);
    }
}
