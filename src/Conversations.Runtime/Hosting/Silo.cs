using System.Diagnostics.Metrics;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Internal;
using Conversations.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Runtime.Hosting;

/// <summary>One silo: hosts activations, fires reminders, and routes calls. Start it, use <see cref="GrainFactory"/>, stop it.</summary>
public sealed class Silo : IAsyncDisposable
{
    private readonly GrainRuntime _runtime;
    private readonly ILogger<Silo> _logger;
    private readonly object _stopLock = new();
    private int _started;
    private int _stopped;
    private Task? _stopping;

    public Silo(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        options.Validate();
        _logger = services.GetRequiredService<ILogger<Silo>>();
        var classes = new GrainClassRegistry(services.GetServices<GrainClassRegistration>()
            .Select(r => r.Implementation).Distinct()
            .Select(t => new GrainClass(t, services, options)));
        _runtime = new GrainRuntime(
            classes,
            options,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Conversations.Runtime"),
            services.GetRequiredService<IClusterMembership>(),
            services.GetRequiredService<IPlacementDirector>(),
            services.GetRequiredService<IMessageTransport>(),
            services.GetRequiredService<IReminderTable>(),
            services.GetService<IMeterFactory>());
    }

    public IGrainFactory GrainFactory => _runtime;

    public SiloAddress Address => _runtime.Membership.LocalSilo;

    /// <summary>Resident activations on this silo.</summary>
    public int ActivationCount => _runtime.Catalog.Count;

    /// <summary>Reminders this silo currently fires.</summary>
    public int ReminderCount => _runtime.Reminders.Count;

    public bool IsRunning => _runtime.IsAccepting;

    internal GrainRuntime Runtime => _runtime;

    /// <summary>Whether this silo owns <paramref name="grain"/> in its current view of the cluster (tests).</summary>
    internal bool Owns(IAddressable grain) =>
        grain is Invocation.GrainReference reference ? _runtime.OwnsByHash(reference.GrainId) : throw new ArgumentException("Not a grain reference.", nameof(grain));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) throw new InvalidOperationException("The silo was already started.");
        _runtime.Start();
        if (_runtime.Transport is TcpMessageTransport transport) transport.Start(_runtime, Address);
        if (_runtime.Membership is ClusterMembership cluster)
        {
            cluster.LocalSiloDeclaredDead += OnDeclaredDead;
            try
            {
                await cluster.JoinAsync(cancellationToken);
            }
            catch
            {
                // Never joined: nothing to drain or hand over, so stop at once and let the host fail to start.
                await HaltAsync();
                throw;
            }
        }

        await _runtime.Reminders.StartAsync(cancellationToken);
        _logger.LogInformation("Silo {Silo} started with {Classes} grain classes", Address, _runtime.Classes.All.Count());
    }

    /// <summary>
    /// Graceful stop: no new activations, every activation finishes its turns and deactivates (writing
    /// what it writes in OnDeactivateAsync), reminders stop, then the silo is gone. A second call (the host
    /// stopping a silo that already stops itself) waits for the first to finish.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopLock)
        {
            if (_stopping is not null) return _stopping.WaitAsync(cancellationToken);
            _stopping = StopCoreAsync(cancellationToken);
            return _stopping;
        }
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        var cluster = _runtime.Membership as ClusterMembership;
        if (cluster is not null)
        {
            try
            {
                // Shutting down: every silo (this one included) now places this silo's grains elsewhere, and
                // the view change deactivates them here; calls still arriving are forwarded to the new owners.
                await cluster.BeginLeaveAsync(cancellationToken);
                await Task.Delay(cluster.Options.DrainGrace, _runtime.TimeProvider, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _logger.LogWarning(exception, "Silo {Silo} could not announce its shutdown; the others will detect it", Address);
            }
            catch (OperationCanceledException)
            {
                _logger.LogWarning("Silo {Silo} was told to stop before its drain grace ended", Address);
            }
        }

        _runtime.StopAccepting();
        _runtime.Reminders.Stop();
        foreach (var activation in _runtime.Catalog.All) activation.StartDeactivation(DeactivationReason.ShuttingDown);
        try
        {
            await _runtime.Catalog.WhenEmptyAsync().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Silo {Silo} stopped with {Count} activations still deactivating", Address, _runtime.Catalog.Count);
        }

        if (cluster is not null)
        {
            await cluster.Transport.DrainAsync(TimeSpan.FromSeconds(5));
            try
            {
                await cluster.LeaveAsync(CancellationToken.None);
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Silo {Silo} could not record that it left; the others will detect it", Address);
            }
        }

        if (_runtime.Transport is TcpMessageTransport transport) await transport.CloseGracefullyAsync(TimeSpan.FromSeconds(2));
        _logger.LogInformation("Silo {Silo} stopped", Address);
    }

    private void OnDeclaredDead()
    {
        // Others already moved this silo's grains: stop serving at once so no stale activation lingers.
        _ = StopAsync(CancellationToken.None);
    }

    /// <summary>Stops the silo as a crash would (test hook): no drain, no leave, connections dropped; the others must detect it.</summary>
    internal async Task KillAsync()
    {
        if (await HaltAsync()) _logger.LogWarning("Silo {Silo} was killed", Address);
    }

    /// <summary>Stops at once, without drain or goodbye; false when the silo was already stopped.</summary>
    private async Task<bool> HaltAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return false;
        if (_runtime.Membership is ClusterMembership cluster) await cluster.StopLoopAsync();
        _runtime.StopAccepting();
        _runtime.Reminders.Stop();
        if (_runtime.Transport is TcpMessageTransport transport) await transport.DisposeAsync();
        return true;
    }

    /// <summary>Deactivates every idle activation whose collection age has passed (what the collector does each quantum).</summary>
    public int CollectIdleActivations() => _runtime.Collector.Collect(_runtime.Catalog);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await StopAsync(timeout.Token);
        _runtime.ReleaseResources();
    }
}
