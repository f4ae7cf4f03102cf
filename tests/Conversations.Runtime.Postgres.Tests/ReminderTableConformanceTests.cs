using Conversations.Runtime.Reminders;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>What every <see cref="IReminderTable"/> must do, run against each implementation.</summary>
public abstract class ReminderTableConformanceTests
{
    // Whole milliseconds in UTC+8: what a shop's SLA deadline looks like, and exactly representable everywhere.
    protected static readonly DateTimeOffset Due = new(2024, 11, 11, 0, 5, 0, 250, TimeSpan.FromHours(8));

    protected abstract IReminderTable Table { get; }

    protected static GrainId Session(string key) => new("session", key);

    /// <summary>Grains sorted by hash, each with a hash distinct from its neighbours by more than one.</summary>
    protected static GrainId[] GrainsOrderedByHash(int count)
    {
        var grains = Enumerable.Range(0, count).Select(i => Session($"ranged-{i}")).OrderBy(g => g.StableHash()).ToArray();
        for (var i = 1; i < grains.Length; i++) Assert.True(grains[i].StableHash() - grains[i - 1].StableHash() > 2);
        return grains;
    }

    private async Task<string> UpsertAsync(GrainId grainId, string name, DateTimeOffset? startAt = null, TimeSpan? period = null) =>
        await Table.UpsertRowAsync(new ReminderEntry(grainId, name, startAt ?? Due, period ?? TimeSpan.FromSeconds(30)), CancellationToken.None);

    private static string[] Keys(IEnumerable<ReminderEntry> rows) => rows.Select(r => $"{r.GrainId}:{r.ReminderName}").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Init_Twice_Succeeds()
    {
        await Table.InitAsync(CancellationToken.None);
        await Table.InitAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ReadRow_OfMissingReminder_ReturnsNull()
    {
        Assert.Null(await Table.ReadRowAsync(Session("nobody"), "sla", CancellationToken.None));
        Assert.Empty(await Table.ReadRowsAsync(Session("nobody"), CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_ThenReadRow_ReturnsTheEntryWithItsETag()
    {
        var grainId = Session("s-1");

        var eTag = await UpsertAsync(grainId, "first-response-sla", Due, TimeSpan.FromMinutes(2));
        var row = await Table.ReadRowAsync(grainId, "first-response-sla", CancellationToken.None);

        Assert.NotNull(row);
        Assert.Equal(new ReminderEntry(grainId, "first-response-sla", Due, TimeSpan.FromMinutes(2), eTag), row);
        Assert.Equal(grainId.StableHash(), row.GrainHash);
    }

    [Fact]
    public async Task Upsert_OfExistingReminder_ReplacesItWithNewETag()
    {
        var grainId = Session("s-2");
        var first = await UpsertAsync(grainId, "sla", Due, TimeSpan.FromMinutes(1));

        var second = await UpsertAsync(grainId, "sla", Due.AddMinutes(10), TimeSpan.Zero);
        var row = await Table.ReadRowAsync(grainId, "sla", CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(new ReminderEntry(grainId, "sla", Due.AddMinutes(10), TimeSpan.Zero, second), row);
        Assert.Single(await Table.ReadRowsAsync(grainId, CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_IgnoresTheETagCarriedByTheEntry()
    {
        var grainId = Session("s-3");

        var eTag = await Table.UpsertRowAsync(new ReminderEntry(grainId, "sla", Due, TimeSpan.FromSeconds(1), "made-up"), CancellationToken.None);

        Assert.NotEqual("made-up", eTag);
        Assert.Equal(eTag, (await Table.ReadRowAsync(grainId, "sla", CancellationToken.None))?.ETag);
    }

    [Fact]
    public async Task ReadRows_ReturnsEveryReminderOfThatGrainOnly()
    {
        var grainId = Session("s-4");
        await UpsertAsync(grainId, "first-response");
        await UpsertAsync(grainId, "resolution");
        await UpsertAsync(Session("s-4-other"), "first-response");
        await UpsertAsync(new GrainId("agent", "s-4"), "first-response");

        var rows = await Table.ReadRowsAsync(grainId, CancellationToken.None);

        Assert.Equal(["session/s-4:first-response", "session/s-4:resolution"], Keys(rows));
    }

    [Fact]
    public async Task Remove_WithCurrentETag_RemovesOnce()
    {
        var grainId = Session("s-5");
        var eTag = await UpsertAsync(grainId, "sla");

        Assert.True(await Table.RemoveRowAsync(grainId, "sla", eTag, CancellationToken.None));
        Assert.Null(await Table.ReadRowAsync(grainId, "sla", CancellationToken.None));
        Assert.False(await Table.RemoveRowAsync(grainId, "sla", eTag, CancellationToken.None));
    }

    [Fact]
    public async Task Remove_WithStaleETag_KeepsTheReminder()
    {
        var grainId = Session("s-6");
        var stale = await UpsertAsync(grainId, "sla", Due);
        var current = await UpsertAsync(grainId, "sla", Due.AddMinutes(1));

        Assert.False(await Table.RemoveRowAsync(grainId, "sla", stale, CancellationToken.None));
        Assert.False(await Table.RemoveRowAsync(grainId, "sla", "not-an-etag", CancellationToken.None));

        var row = await Table.ReadRowAsync(grainId, "sla", CancellationToken.None);
        Assert.Equal(current, row?.ETag);
        Assert.Equal(Due.AddMinutes(1), row?.StartAt);
    }

    [Fact]
    public async Task Remove_WithETagFromBeforeRecreate_KeepsTheNewReminder()
    {
        var grainId = Session("s-7");
        var old = await UpsertAsync(grainId, "sla");
        Assert.True(await Table.RemoveRowAsync(grainId, "sla", old, CancellationToken.None));
        var recreated = await UpsertAsync(grainId, "sla");

        Assert.False(await Table.RemoveRowAsync(grainId, "sla", old, CancellationToken.None));
        Assert.Equal(recreated, (await Table.ReadRowAsync(grainId, "sla", CancellationToken.None))?.ETag);
    }

    [Fact]
    public async Task ReadRange_IsInclusiveAtBothEnds()
    {
        var grains = GrainsOrderedByHash(3);
        foreach (var grain in grains) await UpsertAsync(grain, "sla");
        var (low, mid, high) = (grains[0].StableHash(), grains[1].StableHash(), grains[2].StableHash());

        Assert.Equal([$"{grains[1]}:sla"], Keys(await Table.ReadRangeAsync(mid, mid, CancellationToken.None)));
        Assert.Equal(Keys(grains.Take(2).Select(Entry)), Keys(await Table.ReadRangeAsync(low, mid, CancellationToken.None)));
        Assert.Empty(await Table.ReadRangeAsync(mid + 1, high - 1, CancellationToken.None));
    }

    [Fact]
    public async Task ReadRange_WithBeginAfterEnd_WrapsAround()
    {
        var grains = GrainsOrderedByHash(3);
        foreach (var grain in grains) await UpsertAsync(grain, "sla");
        var (low, mid, high) = (grains[0].StableHash(), grains[1].StableHash(), grains[2].StableHash());

        var wrapped = await Table.ReadRangeAsync(high, low, CancellationToken.None);
        var wrappedPastMid = await Table.ReadRangeAsync(mid + 1, mid - 1, CancellationToken.None);

        Assert.Equal(Keys([Entry(grains[0]), Entry(grains[2])]), Keys(wrapped));
        Assert.Equal(Keys([Entry(grains[0]), Entry(grains[2])]), Keys(wrappedPastMid));
    }

    [Fact]
    public async Task ReadRange_OverWholeRing_ReturnsEverything()
    {
        var grains = GrainsOrderedByHash(4);
        foreach (var grain in grains) await UpsertAsync(grain, "sla");
        var expected = Keys(grains.Select(Entry));

        Assert.Equal(expected, Keys(await Table.ReadRangeAsync(0, uint.MaxValue, CancellationToken.None)));
        Assert.Equal(expected, Keys(await Table.ReadRangeAsync(1000, 999, CancellationToken.None)));
    }

    [Fact]
    public async Task ReadRange_FindsHashesAboveSignedIntRange()
    {
        // A hash above int.MaxValue must neither wrap negative nor be lost on the way to storage.
        var grainId = Enumerable.Range(0, 1000).Select(i => Session($"high-{i}")).First(g => g.StableHash() > 0xF000_0000u);
        await UpsertAsync(grainId, "sla");

        var rows = await Table.ReadRangeAsync(0xF000_0000u, uint.MaxValue, CancellationToken.None);

        Assert.Equal([$"{grainId}:sla"], Keys(rows));
        Assert.Equal(grainId.StableHash(), rows[0].GrainHash);
        Assert.Empty(await Table.ReadRangeAsync(0, 0xEFFF_FFFFu, CancellationToken.None));
    }

    private static ReminderEntry Entry(GrainId grainId) => new(grainId, "sla", Due, TimeSpan.Zero);
}
