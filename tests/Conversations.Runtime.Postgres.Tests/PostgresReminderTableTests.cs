using Conversations.Runtime.Reminders;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>The reminder conformance suite against PostgreSQL, each test in its own service id, plus durability and scoping.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderTableTests : ReminderTableConformanceTests
{
    private readonly PostgresDatabaseFixture _database;
    private readonly string _serviceId = $"cluster-{Guid.NewGuid():N}";

    public PostgresReminderTableTests(PostgresDatabaseFixture database)
    {
        _database = database;
        Table = new PostgresReminderTable(database.DataSource, _serviceId);
    }

    protected override IReminderTable Table { get; }

    [Fact]
    public async Task Upsert_ThenReadFromNewDataSource_SurvivesRestart()
    {
        var grainId = Session("restart");
        string eTag;
        await using (var firstSilo = _database.CreateDataSource())
        {
            eTag = await new PostgresReminderTable(firstSilo, _serviceId).UpsertRowAsync(
                new ReminderEntry(grainId, "resolution-sla", Due, TimeSpan.FromHours(1)), CancellationToken.None);
        }

        await using var restarted = _database.CreateDataSource();
        var table = new PostgresReminderTable(restarted, _serviceId);
        await table.InitAsync(CancellationToken.None);
        var row = await table.ReadRowAsync(grainId, "resolution-sla", CancellationToken.None);

        Assert.Equal(new ReminderEntry(grainId, "resolution-sla", Due, TimeSpan.FromHours(1), eTag), row);
    }

    [Fact]
    public async Task Rows_OfOtherServiceId_AreInvisible()
    {
        var grainId = Session("shared-key");
        var otherCluster = new PostgresReminderTable(_database.DataSource, $"{_serviceId}-other");
        var otherETag = await otherCluster.UpsertRowAsync(new ReminderEntry(grainId, "sla", Due, TimeSpan.Zero), CancellationToken.None);

        Assert.Null(await Table.ReadRowAsync(grainId, "sla", CancellationToken.None));
        Assert.Empty(await Table.ReadRowsAsync(grainId, CancellationToken.None));
        Assert.Empty(await Table.ReadRangeAsync(0, uint.MaxValue, CancellationToken.None));
        Assert.False(await Table.RemoveRowAsync(grainId, "sla", otherETag, CancellationToken.None));
        Assert.NotNull(await otherCluster.ReadRowAsync(grainId, "sla", CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_KeepsTheInstantOfAnyOffset()
    {
        var grainId = Session("offsets");
        var inNewYork = new DateTimeOffset(2024, 6, 18, 8, 30, 0, TimeSpan.FromHours(-4));
        await Table.UpsertRowAsync(new ReminderEntry(grainId, "sla", inNewYork, TimeSpan.FromMilliseconds(1500)), CancellationToken.None);

        var row = await Table.ReadRowAsync(grainId, "sla", CancellationToken.None);

        Assert.Equal(inNewYork.UtcDateTime, row?.StartAt.UtcDateTime);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), row?.Period);
    }

    [Fact]
    public async Task Upsert_WithNegativePeriod_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Table.UpsertRowAsync(new ReminderEntry(Session("negative"), "sla", Due, TimeSpan.FromSeconds(-1)), CancellationToken.None));
    }

    [Fact]
    public void Constructor_WithoutServiceId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PostgresReminderTable(_database.DataSource, " "));
    }
}
