using System.Collections.Concurrent;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Postgres;
using Conversations.Runtime.Reminders;
using Conversations.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Conversations.Runtime.Testing;

/// <summary>
/// The storage a test cluster keeps across silo restarts: memory stores are shared instances (as a
/// durable store would be), PostgreSQL is reopened with a new data source each time.
/// </summary>
internal sealed class TestClusterStores : IAsyncDisposable
{
    private readonly string? _postgres;
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private readonly ConcurrentDictionary<string, MemoryGrainStorage> _memoryStores = new(StringComparer.Ordinal);
    private readonly MemoryReminderTable _memoryReminders = new();

    public TestClusterStores(string? postgres)
    {
        _postgres = postgres;
    }

    /// <param name="memoryStores">Named grain stores kept in memory whatever the default store is.</param>
    public void Register(RuntimeBuilder runtime, IEnumerable<string> memoryStores)
    {
        var services = runtime.Services;
        foreach (var name in memoryStores) AddSharedMemoryStore(services, name);
        if (_postgres is null)
        {
            AddSharedMemoryStore(services, PersistentStateAttribute.DefaultStorageName);
            services.Replace(ServiceDescriptor.Singleton<IReminderTable>(_memoryReminders));
            return;
        }

        var dataSource = NpgsqlDataSource.Create(_postgres);
        _dataSources.Add(dataSource);
        services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorageName, (sp, _) =>
            new PostgresGrainStorage(dataSource, sp.GetRequiredService<GrainStateSerializer>()));
        services.Replace(ServiceDescriptor.Singleton<IReminderTable>(sp =>
            new PostgresReminderTable(dataSource, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RuntimeOptions>>().Value.ServiceId)));
    }

    /// <summary>One store for every silo of the cluster (and every restart), as a durable store would be.</summary>
    private void AddSharedMemoryStore(IServiceCollection services, string name) =>
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
            _memoryStores.GetOrAdd(name, static (_, sp) => new MemoryGrainStorage(sp.GetRequiredService<GrainStateSerializer>()), sp));

    /// <summary>The membership table of a multi-silo cluster: PostgreSQL when the cluster uses it, else one shared in memory.</summary>
    public IMembershipTable CreateMembershipTable(string clusterId)
    {
        if (_postgres is null) return new MemoryMembershipTable();
        var dataSource = NpgsqlDataSource.Create(_postgres);
        _dataSources.Add(dataSource);
        return new PostgresMembershipTable(dataSource, clusterId);
    }

    public async Task EnsureSchemaAsync()
    {
        if (_postgres is null) return;
        await using var dataSource = NpgsqlDataSource.Create(_postgres);
        await new PostgresSchema(dataSource).EnsureCreatedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources) await dataSource.DisposeAsync();
    }
}
