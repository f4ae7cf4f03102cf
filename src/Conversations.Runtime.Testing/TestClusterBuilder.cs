using System.Reflection;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Runtime.Testing;

/// <summary>Describes an in-process test cluster: its grains, storage, clock and extra services.</summary>
public sealed class TestClusterBuilder
{
    private readonly List<Assembly> _grainAssemblies = [];
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly List<Action<RuntimeOptions>> _options = [];
    private readonly List<string> _memoryStores = [];

    /// <summary>The fake clock the cluster runs on, or null for the real one.</summary>
    public FakeTimeProvider? FakeTime { get; private set; }

    /// <summary>PostgreSQL connection string for grain state and reminders, or null for memory.</summary>
    public string? PostgresConnectionString { get; private set; }

    public TestClusterBuilder AddGrains(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _grainAssemblies.Add(assembly);
        return this;
    }

    /// <summary>Runs timers, reminders, idle collection and call deadlines on a fake clock the test advances.</summary>
    public TestClusterBuilder UseFakeTime(FakeTimeProvider? time = null)
    {
        FakeTime = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));
        return this;
    }

    /// <summary>Keeps grain state and reminders in PostgreSQL (schema created if missing).</summary>
    public TestClusterBuilder UsePostgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        PostgresConnectionString = connectionString;
        return this;
    }

    /// <summary>Adds a grain store kept in memory under <paramref name="name"/> (for <c>[PersistentState(state, name)]</c>), shared by the cluster's silos and restarts.</summary>
    public TestClusterBuilder AddMemoryGrainStorage(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name == PersistentStateAttribute.DefaultStorageName) throw new ArgumentException("The default store is always there; name another.", nameof(name));
        _memoryStores.Add(name);
        return this;
    }

    public TestClusterBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _services.Add(configure);
        return this;
    }

    public TestClusterBuilder ConfigureRuntime(Action<RuntimeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _options.Add(configure);
        return this;
    }

    public async Task<TestCluster> BuildAndStartAsync()
    {
        var cluster = new TestCluster(this);
        await cluster.StartSiloAsync();
        return cluster;
    }

    /// <summary>Starts <paramref name="silos"/> silos in this process that form one cluster over loopback TCP.</summary>
    public async Task<TestSiloCluster> BuildClusterAsync(int silos, Action<ClusterOptions>? configure = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        if (FakeTime is not null)
        {
            // Probes, suspicions and drains are real network round trips: a fake clock would stall them.
            throw new InvalidOperationException("A multi-silo test cluster runs on the real clock; do not combine BuildClusterAsync with UseFakeTime().");
        }

        var cluster = new TestSiloCluster(this, configure);
        try
        {
            for (var i = 0; i < silos; i++) await cluster.StartSiloAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    internal void Apply(IServiceCollection services, TestClusterStores stores, Action<RuntimeBuilder>? cluster = null)
    {
        services.AddLogging();
        if (FakeTime is not null) services.AddSingleton<TimeProvider>(FakeTime);
        var runtime = services.AddConversationsRuntime(o =>
        {
            foreach (var configure in _options) configure(o);
        });
        foreach (var assembly in _grainAssemblies) runtime.AddGrains(assembly);
        stores.Register(runtime, _memoryStores);
        cluster?.Invoke(runtime);
        foreach (var configure in _services) configure(services);
    }
}
