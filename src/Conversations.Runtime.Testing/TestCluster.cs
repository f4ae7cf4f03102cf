using Conversations.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Runtime.Testing;

/// <summary>
/// An in-process silo for tests, on memory or PostgreSQL storage and a real or fake clock. It can be
/// stopped and started again against the same storage to test what survives a restart.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterBuilder _builder;
    private readonly TestClusterStores _stores;
    private ServiceProvider? _services;
    private Silo? _silo;

    internal TestCluster(TestClusterBuilder builder)
    {
        _builder = builder;
        _stores = new TestClusterStores(builder.PostgresConnectionString);
    }

    public Silo Silo => _silo ?? throw new InvalidOperationException("The test cluster's silo is not running.");

    public IGrainFactory GrainFactory => Silo.GrainFactory;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The test cluster's silo is not running.");

    /// <summary>The fake clock, when the cluster was built with one.</summary>
    public FakeTimeProvider? Time => _builder.FakeTime;

    public FakeTimeProvider FakeTime => _builder.FakeTime ?? throw new InvalidOperationException("The test cluster runs on the real clock; build it with UseFakeTime().");

    public T GetService<T>() where T : notnull => Services.GetRequiredService<T>();

    internal async Task StartSiloAsync()
    {
        await _stores.EnsureSchemaAsync();
        var services = new ServiceCollection();
        _builder.Apply(services, _stores);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        _silo = _services.GetRequiredService<Silo>();
        await _silo.StartAsync(CancellationToken.None);
    }

    /// <summary>Gracefully stops the silo (activations deactivate, state they write is kept).</summary>
    public async Task StopSiloAsync()
    {
        if (_silo is null) return;
        // Tests may leave a call stuck on purpose: do not wait long for its activation to drain.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await _silo.StopAsync(timeout.Token);
        await _services!.DisposeAsync();
        _silo = null;
        _services = null;
    }

    /// <summary>Stops the silo and starts a new one on the same storage, as a restarted process would.</summary>
    public async Task RestartAsync()
    {
        await StopSiloAsync();
        await StartSiloAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopSiloAsync();
        await _stores.DisposeAsync();
    }
}
