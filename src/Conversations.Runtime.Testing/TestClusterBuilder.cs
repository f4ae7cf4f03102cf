using System.Reflection;
using Conversations.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Runtime.Testing;

/// <summary>Describes an in-process test cluster: its grains, storage, clock and extra services.</summary>
public sealed class TestClusterBuilder
{
    private readonly List<Assembly> _grainAssemblies = [];
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly List<Action<RuntimeOptions>> _options = [];

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

    internal void Apply(IServiceCollection services, TestClusterStores stores)
    {
        services.AddLogging();
        if (FakeTime is not null) services.AddSingleton<TimeProvider>(FakeTime);
        var runtime = services.AddConversationsRuntime(o =>
        {
            foreach (var configure in _options) configure(o);
        });
        foreach (var assembly in _grainAssemblies) runtime.AddGrains(assembly);
        stores.Register(runtime);
        foreach (var configure in _services) configure(services);
    }
}
