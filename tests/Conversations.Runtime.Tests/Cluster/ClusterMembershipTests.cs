using System.Diagnostics;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Testing;
using Conversations.Runtime.Tests.Grains;
using Conversations.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>Joining checks connectivity, and failure detection with probes on a ring (memory membership, real loopback TCP).</summary>
[Collection(RealTimeClusterCollection.Name)]
public sealed class ClusterMembershipTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Join_WhileAnActiveSiloStaysUnreachable_FailsNamingIt_AndLeavesItsRowDead()
    {
        await using var cluster = await Clusters.Builder(new Probe()).BuildClusterAsync(2, o => o.JoinTimeout = TimeSpan.FromSeconds(3));
        var (reachable, unreachable) = (cluster.Silos[0], cluster.Silos[1]);

        var error = await Assert.ThrowsAsync<ClusterJoinException>(() => cluster.StartSiloCutOffFromAsync(unreachable));

        Assert.Equal([unreachable.Address], error.UnreachableSilos);
        Assert.Contains(unreachable.Address.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("JoinTimeout", error.Message, StringComparison.Ordinal);
        var table = await cluster.MembershipTable.ReadAllAsync(CancellationToken.None);
        var joiner = Assert.Single(table.Entries, e => e.Silo != reachable.Address && e.Silo != unreachable.Address);
        Assert.Equal(SiloStatus.Dead, joiner.Status);
        Assert.Equal(SiloStatus.Active, table.Find(unreachable.Address)!.Status);
        Assert.Equal(2, cluster.Silos.Count);
        Assert.All(cluster.Silos, s => Assert.Equal(2, s.Runtime.Membership.ActiveSilos.Count));
    }

    [Fact]
    public async Task Join_WhenTheUnreachableSiloIsDeclaredDeadMeanwhile_Succeeds()
    {
        await using var cluster = await Clusters.Builder(new Probe()).BuildClusterAsync(2);
        var (survivor, victim) = (cluster.Silos[0], cluster.Silos[1]);
        var table = (MemoryMembershipTable)cluster.MembershipTable;
        var joining = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnWritten(MembershipEntry entry)
        {
            if (entry.Status == SiloStatus.Joining) joining.TrySetResult();
        }

        table.EntryWritten += OnWritten;
        var join = cluster.StartSiloCutOffFromAsync(victim);
        await joining.Task.WaitAsync(TimeSpan.FromSeconds(10));
        table.EntryWritten -= OnWritten;
        Assert.False(join.IsCompleted, "the join must wait while the silo it cannot reach is active");

        await cluster.KillSiloAsync(victim);
        var joiner = await join.WaitAsync(ClusterHost.ViewTimeout);

        var final = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.Dead, final.Find(victim.Address)!.Status);
        Assert.Equal(SiloStatus.Active, final.Find(joiner.Address)!.Status);
        await cluster.WaitForStableViewAsync(ClusterHost.ViewTimeout);
        Assert.Equal(1, await joiner.GrainFactory.GetGrain<ICounterGrain>("after-join").Increment());
        Assert.Equal(1, await survivor.GrainFactory.GetGrain<ICounterGrain>("after-join").Get());
    }

    [Fact]
    public async Task KillingASilo_InAClusterLargerThanTheProbedSilos_IsDeclaredDeadByItsWatchers()
    {
        await using var cluster = await Clusters.Builder(new Probe()).BuildClusterAsync(5);
        await cluster.WaitForStableViewAsync(ClusterHost.ViewTimeout);
        var victim = cluster.Silos[2];
        var live = cluster.Silos.Select(s => s.Address).ToList();
        Assert.Equal(3, ProbeRing.WatchersOf(victim.Address, live, new ClusterOptions().ProbedSilos).Count);

        var clock = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);
        await cluster.WaitForStableViewAsync(ClusterHost.ViewTimeout);
        output.WriteLine($"four survivors agree on the view {clock.ElapsedMilliseconds} ms after the kill");

        var table = await cluster.MembershipTable.ReadAllAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.Dead, table.Find(victim.Address)!.Status);
        Assert.Equal(4, table.Entries.Count(e => e.Status == SiloStatus.Active));
    }
}
