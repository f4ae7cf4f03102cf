using Conversations.Runtime.Hosting;
using Conversations.Runtime.Testing;
using Conversations.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Runtime.Tests.Support;

/// <summary>Builds the test clusters these tests use: the test grains, a <see cref="Probe"/>, memory or PostgreSQL storage.</summary>
public static class Clusters
{
    public static TestClusterBuilder Builder(Probe probe) => new TestClusterBuilder()
        .AddGrains(typeof(CounterGrain).Assembly)
        .AddMemoryGrainStorage(ArchiveGrain.StoreName)
        .ConfigureServices(s => s.AddSingleton(probe));

    public static Task<TestCluster> StartAsync(Probe probe, Action<TestClusterBuilder>? configure = null)
    {
        var builder = Builder(probe);
        configure?.Invoke(builder);
        return builder.BuildAndStartAsync();
    }

    /// <summary>What building a silo that hosts only <paramref name="grainClass"/> (with a default memory store) throws.</summary>
    public static async Task<Exception> RefusalOf(Type grainClass, Action<RuntimeOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new GrainClassRegistration(grainClass));
        services.AddConversationsRuntime(options).AddMemoryGrainStorage();
        await using var provider = services.BuildServiceProvider();
        return Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<Silo>());
    }
}
