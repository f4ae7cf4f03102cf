using Conversations.Runtime.Storage;
using Conversations.Runtime.Testing;
using Conversations.Runtime.Tests.Grains;
using Conversations.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Runtime.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task IdleActivation_IsCollected_AndComesBackWithItsState()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("idle");
        await counter.Increment();
        await counter.Increment();
        var firstActivation = await counter.ActivationId();

        cluster.FakeTime.Advance(TimeSpan.FromMinutes(14));
        Assert.False(probe.HasSignal("deactivated:idle"));
        cluster.FakeTime.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(nameof(DeactivationReason.IdleCollection), await probe.WaitFor("deactivated:idle"));
        Assert.Equal(3, await counter.Increment());
        Assert.NotEqual(firstActivation, await counter.ActivationId());
    }

    [Fact]
    public async Task CollectionAgeLimit_CollectsItsClassEarlier_ThanTheDefaultAge()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var brief = cluster.GrainFactory.GetGrain<IBriefGrain>("brief"); // [CollectionAgeLimit(Minutes = 2)]
        var lasting = cluster.GrainFactory.GetGrain<ICounterGrain>("lasting"); // the default age, 15 min
        var firstBrief = await brief.ActivationId();
        var firstLasting = await lasting.ActivationId();

        cluster.FakeTime.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(firstBrief, await brief.ActivationId()); // kept after 1 min idle; idle again from now
        cluster.FakeTime.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(nameof(DeactivationReason.IdleCollection), await probe.WaitFor("brief-deactivated:brief"));
        Assert.Equal(firstLasting, await lasting.ActivationId());
        Assert.NotEqual(firstBrief, await brief.ActivationId());
    }

    [Fact]
    public async Task CollectionAgeOption_IsTheAgeOfClassesWithoutALimit()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime().ConfigureRuntime(o => o.CollectionAge = TimeSpan.FromMinutes(5)));
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("five-minutes");
        var first = await counter.ActivationId();

        cluster.FakeTime.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(first, await counter.ActivationId()); // kept after 4 min idle; idle again from now
        cluster.FakeTime.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(nameof(DeactivationReason.IdleCollection), await probe.WaitFor("deactivated:five-minutes"));
        Assert.NotEqual(first, await counter.ActivationId());
    }

    [Fact]
    public async Task BusyActivation_IsNotCollected()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("busy");
        var first = await counter.ActivationId();

        for (var minute = 0; minute < 40; minute++)
        {
            cluster.FakeTime.Advance(TimeSpan.FromMinutes(1));
            await counter.Get();
        }

        Assert.Equal(first, await counter.ActivationId());
    }

    [Fact]
    public async Task DelayDeactivation_KeepsAnIdleActivation_PastItsCollectionAge()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("kept");
        var first = await counter.ActivationId();
        await counter.KeepAlive(TimeSpan.FromHours(1));

        cluster.FakeTime.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(first, await counter.ActivationId());

        cluster.FakeTime.Advance(TimeSpan.FromMinutes(60));
        Assert.Equal(nameof(DeactivationReason.IdleCollection), await probe.WaitFor("deactivated:kept"));
    }

    [Fact]
    public async Task DeactivateOnIdle_ThenNextCall_ReactivatesWithState()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("explicit");
        await counter.Increment();
        var first = await counter.ActivationId();

        await counter.Deactivate();
        await probe.WaitFor("deactivated:explicit");

        Assert.Equal(2, await counter.Increment());
        Assert.NotEqual(first, await counter.ActivationId());
    }

    [Fact]
    public async Task State_InANamedStore_IsWrittenThere_NotToTheDefaultStore_AndReadBackFromIt()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var archive = cluster.GrainFactory.GetGrain<IArchiveGrain>("named"); // [PersistentState("archive", "archive")]

        await archive.Add(5);

        var named = await StoredState<CounterState>.ReadAsync(cluster.Services, ArchiveGrain.StoreName, "archive", archive);
        Assert.True(named.RecordExists);
        Assert.Equal(5, named.State.Count);
        var inDefault = await StoredState<CounterState>.ReadAsync(cluster.Services, PersistentStateAttribute.DefaultStorageName, "archive", archive);
        Assert.False(inDefault.RecordExists);

        await archive.Deactivate();
        await probe.WaitFor("archive-deactivated:named");
        Assert.Equal(5, await archive.Total());
    }

    [Fact]
    public async Task ClearState_DeletesTheRecord_SoTheNextActivationStartsEmpty_AndTheOldETagCannotWrite()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var archive = cluster.GrainFactory.GetGrain<IArchiveGrain>("cleared");
        await archive.Add(3);
        var before = await StoredState<CounterState>.ReadAsync(cluster.Services, ArchiveGrain.StoreName, "archive", archive);
        Assert.Equal(before.ETag, await archive.ETag());

        await archive.Clear();

        Assert.Null(await archive.ETag());
        Assert.Equal(0, await archive.Total());
        Assert.False((await StoredState<CounterState>.ReadAsync(cluster.Services, ArchiveGrain.StoreName, "archive", archive)).RecordExists);
        // A writer still holding the ETag from before the clear (a stale activation elsewhere) is refused.
        var store = cluster.Services.GetRequiredKeyedService<IGrainStorage>(ArchiveGrain.StoreName);
        var stale = new StoredState<CounterState> { State = new CounterState { Count = 99 }, ETag = before.ETag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteStateAsync("archive", new GrainId("archive", "cleared"), stale));

        await archive.Deactivate();
        await probe.WaitFor("archive-deactivated:cleared");
        Assert.Equal(0, await archive.Total());
        Assert.Equal(2, await archive.Add(2)); // the new activation creates the record afresh
        var after = await StoredState<CounterState>.ReadAsync(cluster.Services, ArchiveGrain.StoreName, "archive", archive);
        Assert.Equal(2, after.State.Count);
        Assert.NotEqual(before.ETag, after.ETag);
    }

    [Fact]
    public Task StaleActivation_CannotOverwriteNewerState_Memory() => StaleActivationRace(postgres: null);

    [Fact]
    public async Task StaleActivation_CannotOverwriteNewerState_Postgres()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await StaleActivationRace(database.ConnectionString);
    }

    /// <summary>
    /// Two silos on one store both activate the same grain (what a membership change can cause briefly).
    /// The one that writes second with an old ETag must fail, deactivate, and on its next call continue from
    /// the newer state rather than overwrite it.
    /// </summary>
    private static async Task StaleActivationRace(string? postgres)
    {
        var sharedMemory = new SharedStorage();
        var probeA = new Probe();
        var probeB = new Probe();
        await using var siloA = await Clusters.StartAsync(probeA, b => Configure(b, postgres, sharedMemory));
        await using var siloB = await Clusters.StartAsync(probeB, b => Configure(b, postgres, sharedMemory));
        var onA = siloA.GrainFactory.GetGrain<ICounterGrain>("raced");
        var onB = siloB.GrainFactory.GetGrain<ICounterGrain>("raced");

        async Task<int> StoredCount() =>
            (await StoredState<CounterState>.ReadAsync(siloA.Services, PersistentStateAttribute.DefaultStorageName, "counter", onA)).State.Count;

        Assert.Equal(1, await onA.Increment());
        Assert.Equal(2, await onB.Increment()); // B activated after A's write and read it
        Assert.Equal(3, await onB.Increment());

        await Assert.ThrowsAsync<InconsistentStateException>(() => onA.Increment()); // A still holds count 1 and ETag of write 1
        Assert.Equal(nameof(DeactivationReason.InconsistentState), await probeA.WaitFor("deactivated:raced"));
        Assert.Equal(3, await StoredCount()); // B's newer state, not A's stale 2

        Assert.Equal(4, await onA.Increment()); // a fresh activation on A reads B's newer state
        Assert.Equal(4, await StoredCount());

        // Now B holds the stale copy: its write fails the same way and leaves the stored 4 alone.
        await Assert.ThrowsAsync<InconsistentStateException>(() => onB.Increment());
        Assert.Equal(4, await StoredCount());
    }

    private static void Configure(TestClusterBuilder builder, string? postgres, SharedStorage shared)
    {
        if (postgres is not null)
        {
            builder.UsePostgres(postgres);
            return;
        }

        builder.ConfigureServices(services => services.AddKeyedSingleton<IGrainStorage>(
            PersistentStateAttribute.DefaultStorageName, (sp, _) => shared.Get(sp)));
    }

    private sealed class SharedStorage
    {
        private MemoryGrainStorage? _storage;

        public IGrainStorage Get(IServiceProvider services) =>
            _storage ??= new MemoryGrainStorage(services.GetRequiredService<GrainStateSerializer>());
    }
}
