using Conversations.Runtime.Tests.Grains;
using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests;

public sealed class TurnTests(RealTimeClusterFixture fixture) : IClassFixture<RealTimeClusterFixture>
{
    [Fact]
    public async Task NonReentrantGrain_WithThousandConcurrentCalls_NeverOverlaps()
    {
        var grain = fixture.Grains.GetGrain<IGuardedGrain>("guarded-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(() => grain.Work(yields: 3))));

        Assert.Equal(0, await grain.Overlaps());
        Assert.Equal(Enumerable.Range(1, 1000), results.Order());
    }

    [Fact]
    public async Task ReentrantGrain_InterleavesAtAwaits_ButNeverRunsInParallel()
    {
        var grain = fixture.Grains.GetGrain<IReentrantGrain>("reentrant-1");

        // Issued back to back so that calls are waiting while the first ones yield.
        var calls = Enumerable.Range(0, 200).Select(_ => grain.Work(yields: 5)).ToList();
        await Task.WhenAll(calls);

        Assert.True(await grain.MaxInterleaved() > 1, "calls of a reentrant grain should interleave at awaits");
        Assert.Equal(0, await grain.Overlaps());
    }

    [Fact]
    public async Task CallsArrivingDuringActivation_AreQueuedNotLost()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ISlowStartGrain>("slow");

        var calls = Enumerable.Range(0, 100).Select(_ => grain.Next()).ToList();
        await probe.WaitFor("slow-activating");
        Assert.All(calls, c => Assert.False(c.IsCompleted));
        probe.Gate.SetResult();

        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(1, 100), results.Order());
    }

    [Fact]
    public async Task StatelessWorker_WithCallsHeldOpen_AddsActivationsUpToItsMax_AndNoMore()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IWorkerGrain>("held"); // [StatelessWorker(3)]

        // Three times the limit, each call held inside its activation until the gate opens.
        var calls = Enumerable.Range(0, 9).Select(_ => grain.Hold()).ToList();
        var holders = await Task.WhenAll(Enumerable.Range(1, 3).Select(n => probe.WaitFor($"worker-holding:{n}")));
        Assert.Equal(3, holders.Distinct().Count());
        Assert.All(calls, c => Assert.False(c.IsCompleted));
        probe.Gate.SetResult();

        var answeredBy = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(holders.Order(), answeredBy.Distinct().Order());
        Assert.Equal(9, probe.Events.Count(e => e.StartsWith("worker-holding:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GrainCallingGrain_GetsTheAnswer()
    {
        var grain = fixture.Grains.GetGrain<IBehaviourGrain>("caller");

        Assert.Equal(42, await grain.CallOther("callee", 41));
        Assert.Equal(7, await grain.ValueTaskEcho(7));
        Assert.Null(await grain.EchoNullable(null));
    }
}
