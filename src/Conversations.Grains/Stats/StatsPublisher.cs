using Conversations.Abstractions.Stats;
using Conversations.Runtime;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Stats;

/// <summary>
/// Reports this silo's <see cref="ConversationStats"/> to the cluster's <see cref="IStatsGrain"/> every
/// <see cref="Period"/>, so that any silo can answer <c>/api/stats</c> for the whole cluster.
/// </summary>
public sealed class StatsPublisher : IHostedService, IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly ConversationStats _stats;
    private readonly IGrainFactory _grains;
    private readonly IClusterMembership _membership;
    private readonly TimeProvider _time;
    private readonly ILogger<StatsPublisher> _logger;
    private PeriodicWork? _publishing;
    private bool _failing;

    public StatsPublisher(ConversationStats stats, IGrainFactory grains, IClusterMembership membership, TimeProvider time, ILogger<StatsPublisher> logger)
    {
        _stats = stats;
        _grains = grains;
        _membership = membership;
        _time = time;
        _logger = logger;
    }

    /// <summary>Reports this silo's counters now; answers the cluster's totals, this report included.</summary>
    public Task<ClusterStats> PublishAsync() => _grains.GetClusterStats().Report(_membership.LocalSilo, _stats.Counts());

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _publishing = PeriodicWork.Start(Period, _time, _ => PublishOrLogAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _publishing?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public void Dispose() => _publishing?.Dispose();

    private async Task PublishOrLogAsync()
    {
        try
        {
            await PublishAsync();
            if (_failing) _logger.LogInformation("Stats reach the cluster's figures again");
            _failing = false;
        }
        catch (Exception e)
        {
            // Once per outage, not once a second; meanwhile this silo's figures drop out of the cluster's totals.
            if (!_failing) _logger.LogWarning(e, "Stats not reported to the cluster's figures; retrying every {Period} s", Period.TotalSeconds);
            _failing = true;
        }
    }
}
