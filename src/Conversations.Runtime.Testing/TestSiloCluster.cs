using Conversations.Runtime.Cluster;
using Conversations.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Runtime.Testing;

/// <summary>
/// Several silos in this process forming one cluster over real loopback TCP, sharing grain storage,
/// reminders and a membership table (PostgreSQL when the builder uses it, else memory). Silos can be
/// added, stopped gracefully, killed, and cut off from each other.
/// </summary>
public sealed class TestSiloCluster : IAsyncDisposable
{
    private readonly TestClusterBuilder _builder;
    private readonly Action<ClusterOptions>? _configure;
    private readonly TestClusterStores _stores;
    private readonly IMembershipTable _table;
    private readonly List<(Silo Silo, ServiceProvider Services)> _silos = [];
    private readonly object _lock = new();

    internal TestSiloCluster(TestClusterBuilder builder, Action<ClusterOptions>? configure)
    {
        _builder = builder;
        _configure = configure;
        _stores = new TestClusterStores(builder.PostgresConnectionString);
        ClusterId = $"test-{Guid.NewGuid():N}";
        _table = _stores.CreateMembershipTable(ClusterId);
    }

    public string ClusterId { get; }

    /// <summary>The silos started and not yet stopped or killed, oldest first.</summary>
    public IReadOnlyList<Silo> Silos
    {
        get
        {
            lock (_lock) return _silos.Select(s => s.Silo).ToList();
        }
    }

    public IMembershipTable MembershipTable => _table;

    public Task<Silo> StartSiloAsync() => StartSiloCutOffFromAsync();

    /// <summary>
    /// Starts a silo whose transport refuses all traffic with <paramref name="unreachable"/> from the start, as a
    /// silo behind a firewall that lets it reach the database but not those silos. Throws what the join throws.
    /// </summary>
    public async Task<Silo> StartSiloCutOffFromAsync(params Silo[] unreachable)
    {
        ArgumentNullException.ThrowIfNull(unreachable);
        await _stores.EnsureSchemaAsync();
        var services = new ServiceCollection();
        _builder.Apply(services, _stores, runtime => runtime.UseCluster(_ => _table, o =>
        {
            o.Id = ClusterId;
            o.Host = "127.0.0.1";
            o.SiloPort = 0;
            _configure?.Invoke(o);
        }));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        var silo = provider.GetRequiredService<Silo>();
        var transport = provider.GetRequiredService<TcpMessageTransport>();
        foreach (var peer in unreachable) transport.Block(peer.Address);
        try
        {
            await silo.StartAsync(CancellationToken.None);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }

        lock (_lock) _silos.Add((silo, provider));
        return silo;
    }

    /// <summary>Waits until every running silo's view is exactly the running silos.</summary>
    public async Task WaitForStableViewAsync(TimeSpan timeout)
    {
        var silos = Silos;
        var expected = silos.Select(s => s.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (silos.All(s => s.Runtime.Membership.ActiveSilos.SequenceEqual(expected))) settled.TrySetResult();
        }

        foreach (var silo in silos) silo.Runtime.Membership.ViewChanged += Check;
        try
        {
            Check();
            await settled.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            var views = silos.Select(s => $"{s.Address} sees [{string.Join(", ", s.Runtime.Membership.ActiveSilos)}]");
            throw new TimeoutException($"The silos did not agree on the view [{string.Join(", ", expected)}] within {timeout.TotalSeconds:0} s: {string.Join("; ", views)}.");
        }
        finally
        {
            foreach (var silo in silos) silo.Runtime.Membership.ViewChanged -= Check;
        }
    }

    /// <summary>Graceful stop: the silo announces it is leaving, hands its grains and reminders over, then leaves.</summary>
    public async Task StopSiloAsync(Silo silo)
    {
        var entry = Take(silo);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await entry.Silo.StopAsync(timeout.Token);
        await entry.Services.DisposeAsync();
    }

    /// <summary>Stops the silo the way a crash does: no goodbye; the others must detect it.</summary>
    public async Task KillSiloAsync(Silo silo)
    {
        var entry = Take(silo);
        await entry.Silo.KillAsync();
        await entry.Services.DisposeAsync();
    }

    /// <summary>Cuts the network between two silos (both refuse each other's traffic); failure detection must settle it.</summary>
    public void Partition(Silo first, Silo second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        TransportOf(first).Block(second.Address);
        TransportOf(second).Block(first.Address);
    }

    private TcpMessageTransport TransportOf(Silo silo)
    {
        lock (_lock) return _silos.First(s => s.Silo == silo).Services.GetRequiredService<TcpMessageTransport>();
    }

    private (Silo Silo, ServiceProvider Services) Take(Silo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        lock (_lock)
        {
            var index = _silos.FindIndex(s => s.Silo == silo);
            if (index < 0) throw new ArgumentException("The silo is not running in this cluster.", nameof(silo));
            var entry = _silos[index];
            _silos.RemoveAt(index);
            return entry;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Killed, not drained: a test's last state is already asserted and draining every silo costs seconds.
        foreach (var silo in Silos) await KillSiloAsync(silo);
        await _stores.DisposeAsync();
    }
}
