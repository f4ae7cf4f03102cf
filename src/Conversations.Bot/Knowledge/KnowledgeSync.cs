using Conversations.Abstractions.Knowledge;
using Conversations.Runtime;
using Conversations.Runtime.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Bot.Knowledge;

/// <summary>
/// Keeps this silo's <see cref="KnowledgeBase"/> — the search index the bot answers from, in process for speed — a copy
/// of the cluster's <see cref="IKnowledgeGrain"/>: loads it at start, then asks for the version every
/// <see cref="RefreshPeriod"/> and reloads every entry when it moved.
/// </summary>
/// <remarks>
/// A poll rather than a push from the grain: the grain moves to another silo on a view change and would lose its
/// subscribers, and a push lost in a failover would leave a silo stale until it subscribed again. One small read-only
/// call per silo per period heals all of that the same way, and knowledge edits are rare enough that a second's delay
/// does not matter. REST edits refresh the silo that took them at once.
/// </remarks>
public sealed class KnowledgeSync : IHostedService, IDisposable
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(1);

    private readonly IGrainFactory _grains;
    private readonly KnowledgeBase _knowledge;
    private readonly TimeProvider _time;
    private readonly ILogger<KnowledgeSync> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly object _gate = new();
    private TaskCompletionSource _loaded = NewSignal();
    private long _version = -1;
    private bool _failing;
    private PeriodicWork? _polling;

    public KnowledgeSync(IGrainFactory grains, KnowledgeBase knowledge, TimeProvider time, ILogger<KnowledgeSync> logger)
    {
        _grains = grains;
        _knowledge = knowledge;
        _time = time;
        _logger = logger;
    }

    /// <summary>The version of the cluster's knowledge base this silo's index holds; -1 before the first load.</summary>
    public long Version
    {
        get
        {
            lock (_gate) return _version;
        }
    }

    /// <summary>Loads the index (a failure is logged and retried each period), then starts polling.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _polling = PeriodicWork.Start(RefreshPeriod, _time, RefreshAsync);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _polling?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// Reloads the index when the cluster's version differs from this silo's. Returns false when the knowledge base
    /// did not answer: that is logged, the index stays as it was, and the next period tries again.
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var grain = _grains.GetKnowledgeBase();
            if (await grain.GetVersion() != Version)
            {
                var snapshot = await grain.GetEntries();
                _knowledge.ReplaceAll(snapshot.Entries);
                Loaded(snapshot.Version);
                _logger.LogInformation("Knowledge base version {Version} loaded: {Entries} entries", snapshot.Version, snapshot.Entries.Count);
            }

            if (_failing) _logger.LogInformation("Knowledge base reachable again, at version {Version}", Version);
            _failing = false;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Once per outage, not once a second.
            if (!_failing) _logger.LogWarning(e, "Knowledge base not refreshed; this silo keeps answering from version {Version} and retries every {Period} s", Version, RefreshPeriod.TotalSeconds);
            _failing = true;
            return false;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Completes once this silo's index holds <paramref name="version"/> or a later one.</summary>
    public async Task WaitForVersionAsync(long version, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task loaded;
            lock (_gate)
            {
                if (_version >= version) return;
                loaded = _loaded.Task;
            }

            await loaded.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        _polling?.Dispose();
        _refreshing.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Loaded(long version)
    {
        TaskCompletionSource loaded;
        lock (_gate)
        {
            _version = version;
            loaded = _loaded;
            _loaded = NewSignal();
        }

        loaded.SetResult();
    }
}
