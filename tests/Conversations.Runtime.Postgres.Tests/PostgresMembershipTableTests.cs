using Conversations.Runtime.Cluster;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>The membership table: conditional writes on the version row, heartbeats, suspicions, cluster scoping.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipTableTests(PostgresDatabaseFixture database)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    private readonly PostgresMembershipTable _table = new(database.DataSource, $"cluster-{Guid.NewGuid():N}");

    [Fact]
    public async Task Write_AtTheReadVersion_Succeeds_AndRoundTripsTheRow()
    {
        await _table.InitAsync(CancellationToken.None);
        var empty = await _table.ReadAllAsync(CancellationToken.None);
        var silo = new SiloAddress("10.0.0.1", 11111, 42);
        var voter = new SiloAddress("10.0.0.2", 11111, 43);
        var entry = new MembershipEntry(silo, SiloStatus.Active, Now, Now.AddSeconds(1), [new Suspicion(voter, Now.AddSeconds(2))]);

        Assert.True(await _table.TryWriteAsync(entry, empty.Version, CancellationToken.None));

        var read = await _table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(empty.Version + 1, read.Version);
        var row = Assert.Single(read.Entries);
        Assert.Equal(silo, row.Silo);
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal(Now.AddSeconds(1), row.HeartbeatAt);
        Assert.Equal([new Suspicion(voter, Now.AddSeconds(2))], row.Suspicions);
    }

    [Fact]
    public async Task Write_AtAStaleVersion_IsRefused_AndChangesNothing()
    {
        await _table.InitAsync(CancellationToken.None);
        var read = await _table.ReadAllAsync(CancellationToken.None);
        var first = new MembershipEntry(new SiloAddress("10.0.0.1", 11111, 1), SiloStatus.Joining, Now, Now, []);
        Assert.True(await _table.TryWriteAsync(first, read.Version, CancellationToken.None));

        var second = first with { Status = SiloStatus.Dead };
        Assert.False(await _table.TryWriteAsync(second, read.Version, CancellationToken.None));

        Assert.Equal(SiloStatus.Joining, Assert.Single((await _table.ReadAllAsync(CancellationToken.None)).Entries).Status);
    }

    [Fact]
    public async Task Heartbeat_UpdatesTheTime_WithoutChangingTheVersion()
    {
        await _table.InitAsync(CancellationToken.None);
        var silo = new SiloAddress("10.0.0.1", 11111, 1);
        var read = await _table.ReadAllAsync(CancellationToken.None);
        await _table.TryWriteAsync(new MembershipEntry(silo, SiloStatus.Active, Now, Now, []), read.Version, CancellationToken.None);
        var before = await _table.ReadAllAsync(CancellationToken.None);

        await _table.HeartbeatAsync(silo, Now.AddMinutes(1), CancellationToken.None);

        var after = await _table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(Now.AddMinutes(1), Assert.Single(after.Entries).HeartbeatAt);
    }

    [Fact]
    public async Task Clusters_SharingADatabase_DoNotSeeEachOther()
    {
        var other = new PostgresMembershipTable(database.DataSource, $"cluster-{Guid.NewGuid():N}");
        await _table.InitAsync(CancellationToken.None);
        await other.InitAsync(CancellationToken.None);
        await _table.TryWriteAsync(new MembershipEntry(new SiloAddress("10.0.0.1", 11111, 1), SiloStatus.Active, Now, Now, []), 0, CancellationToken.None);

        Assert.Empty((await other.ReadAllAsync(CancellationToken.None)).Entries);
        Assert.Equal(0, (await other.ReadAllAsync(CancellationToken.None)).Version);
    }
}
