using Conversations.Runtime.Tests.Grains;
using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests;

public sealed class ReferenceTests
{
    [Fact]
    public async Task GrainReference_StoredInState_StillWorksAfterReactivation()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var relayId = Guid.NewGuid();
        var relay = cluster.GrainFactory.GetGrain<IRelayGrain>(relayId);
        await relay.Point(cluster.GrainFactory.GetGrain<ICounterGrain>("pointed-at"));

        await relay.Deactivate();
        await probe.WaitFor($"relay-deactivated:{relayId}");

        Assert.Equal(1, await relay.IncrementTarget());
        Assert.Equal(1, await cluster.GrainFactory.GetGrain<ICounterGrain>("pointed-at").Get());
    }

    [Fact]
    public async Task CallsArrivingDuringDeactivation_GoToTheNextActivation()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ISlowStopGrain>("leaving");
        var first = await grain.Id();

        await grain.Leave();
        Assert.Equal(first, await probe.WaitFor("slow-stop-deactivating"));
        var during = Enumerable.Range(0, 50).Select(_ => grain.Id()).ToList();
        Assert.All(during, c => Assert.False(c.IsCompleted));
        probe.Gate.SetResult();

        var answers = await Task.WhenAll(during).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(answers.Distinct());
        Assert.NotEqual(first, answers[0]);
    }
}
