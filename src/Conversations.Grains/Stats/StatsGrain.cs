using Conversations.Abstractions.Stats;
using Conversations.Runtime;
using Conversations.Runtime.Cluster;

namespace Conversations.Grains.Stats;

/// <summary>
/// Adds up the cluster's figures: keeps the latest report of every silo and sums those of the silos that are in this
/// silo's membership view (or are reporting right now) and have reported within <see cref="SilenceLimit"/>. A silo that
/// left the view or went silent is dropped, its figures with it.
/// </summary>
/// <remarks>
/// Reports live in memory only: each silo reports every second, so after the grain moves (a view change) or restarts
/// the totals are whole again within a second. The reporting silo counts even before this silo's view lists it, so a
/// silo that just joined sees itself in its own <c>/api/stats</c>.
/// </remarks>
public sealed class StatsGrain : Grain, IStatsGrain
{
    /// <summary>How long a silo's last report counts without a newer one (five missed reports).</summary>
    public static readonly TimeSpan SilenceLimit = TimeSpan.FromSeconds(5);

    private readonly IClusterMembership _membership;
    private readonly Dictionary<SiloAddress, (StatsCounts Counts, DateTimeOffset At)> _latest = [];

    public StatsGrain(IClusterMembership membership)
    {
        _membership = membership;
    }

    public Task<ClusterStats> Report(SiloAddress silo, StatsCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var now = TimeProvider.GetUtcNow();
        _latest[silo] = (counts, now);

        var active = _membership.ActiveSilos;
        var totals = StatsCounts.Zero;
        foreach (var (address, report) in _latest.ToList())
        {
            var live = (address == silo || active.Contains(address)) && now - report.At <= SilenceLimit;
            if (live) totals = totals.Plus(report.Counts);
            else _latest.Remove(address);
        }

        return Task.FromResult(new ClusterStats(_latest.Count, totals));
    }
}
