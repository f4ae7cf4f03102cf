using Conversations.Runtime.Cluster;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>Which silos probe which: successors on a hash ring, so every silo has the same number of watchers.</summary>
public sealed class ProbeRingTests
{
    private static List<SiloAddress> Silos(int count) =>
        Enumerable.Range(0, count).Select(i => new SiloAddress("10.0.0." + (i + 1), 11111, 1_000 + i)).ToList();

    [Fact]
    public void TargetsOf_InALargeCluster_AreCountOtherSilos_AndEverySiloIsWatchedByCount()
    {
        var silos = Silos(10);

        var targets = silos.ToDictionary(s => s, s => ProbeRing.TargetsOf(s, silos, 3));

        foreach (var (silo, probed) in targets)
        {
            Assert.Equal(3, probed.Count);
            Assert.Equal(3, probed.Distinct().Count());
            Assert.DoesNotContain(silo, probed);
        }

        foreach (var silo in silos)
        {
            var watchers = targets.Where(t => t.Value.Contains(silo)).Select(t => t.Key).ToHashSet();
            Assert.Equal(3, watchers.Count);
            Assert.Equal(watchers, ProbeRing.WatchersOf(silo, silos, 3).ToHashSet());
        }
    }

    [Fact]
    public void TargetsOf_IsTheSameWhateverOrderTheTableListsTheSilos()
    {
        var silos = Silos(8);
        var reversed = Enumerable.Reverse(silos).ToList();
        var shuffled = silos.OrderBy(s => s.Host.Length).ThenByDescending(s => s.Generation % 3).ToList();

        foreach (var silo in silos)
        {
            var expected = ProbeRing.TargetsOf(silo, silos, 3);
            Assert.Equal(expected, ProbeRing.TargetsOf(silo, reversed, 3));
            Assert.Equal(expected, ProbeRing.TargetsOf(silo, shuffled, 3));
            // A silo missing from its own list (its row not read yet) keeps the same neighbours.
            Assert.Equal(expected, ProbeRing.TargetsOf(silo, silos.Where(s => s != silo), 3));
        }
    }

    [Fact]
    public void TargetsOf_WithNoMoreSilosThanCount_ProbesEveryOtherSilo()
    {
        var three = Silos(3);
        var four = Silos(4);

        foreach (var silo in three) Assert.Equal(three.Where(s => s != silo).ToHashSet(), ProbeRing.TargetsOf(silo, three, 3).ToHashSet());
        foreach (var silo in four) Assert.Equal(four.Where(s => s != silo).ToHashSet(), ProbeRing.TargetsOf(silo, four, 3).ToHashSet());
        Assert.Empty(ProbeRing.TargetsOf(three[0], [three[0]], 3));
        Assert.Empty(ProbeRing.WatchersOf(three[0], [], 3));
    }
}
