using Conversations.Runtime.Storage;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>
/// What every <see cref="IGrainStorage"/> must do, run against each provider so that memory and PostgreSQL
/// cannot drift apart.
/// </summary>
public abstract class GrainStorageConformanceTests
{
    protected const string StateName = "session";

    protected static GrainStateSerializer Serializer => TestSerializer.Web;

    protected abstract IGrainStorage Storage { get; }

    protected static GrainId NewGrainId() => new("session", $"s-{Guid.NewGuid():N}");

    protected static SessionSnapshot Snapshot(string title) => new(
        title,
        new CustomerCard("王小明", "zh-CN", new Address("上海市", "浦东新区世纪大道 100 号 3 楼", "200120")),
        [
            new MessageAppended(1, "customer", "我的订单 #A123 什么时候到？😀"),
            new AgentAssigned(2, "agent-7"),
            new MessageAppended(3, "agent", "Your parcel ships today — tracking SF1234567890. Ça arrive bientôt!"),
        ],
        new Dictionary<string, int> { ["where_is_my_order"] = 2, ["退货"] = 1 },
        199.99m,
        new DateTimeOffset(2024, 11, 11, 0, 0, 1, TimeSpan.FromHours(8)),
        null);

    [Fact]
    public async Task Read_OfMissingState_LeavesStateAndReportsNoRecord()
    {
        var original = Snapshot("untouched");
        var state = new TestGrainState<SessionSnapshot>(original) { ETag = "stale", RecordExists = true };

        await Storage.ReadStateAsync(StateName, NewGrainId(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Same(original, state.State);
    }

    [Fact]
    public async Task Write_ThenRead_RoundTripsNestedRecordsAndUnicode()
    {
        var grainId = NewGrainId();
        var written = Snapshot("订单咨询 — order question");
        var writer = new TestGrainState<SessionSnapshot>(written);
        await Storage.WriteStateAsync(StateName, grainId, writer);

        var reader = new TestGrainState<SessionSnapshot>(Snapshot("placeholder"));
        await Storage.ReadStateAsync(StateName, grainId, reader);

        Assert.True(reader.RecordExists);
        Assert.Equal(writer.ETag, reader.ETag);
        var read = reader.State;
        Assert.Equal(written.Title, read.Title);
        Assert.Equal(written.Customer, read.Customer);
        Assert.Equal(written.Transcript, read.Transcript);
        Assert.Equal(written.IntentCounts.OrderBy(p => p.Key), read.IntentCounts.OrderBy(p => p.Key));
        Assert.Equal(written.RefundAmount, read.RefundAmount);
        Assert.Equal(written.OpenedAt, read.OpenedAt);
        Assert.Null(read.Summary);
    }

    [Fact]
    public async Task Write_OfPlainString_RoundTrips()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, new TestGrainState<string>("「你好」 \"quoted\" \\ back\tslash\n 🚚"));

        var reader = new TestGrainState<string>("");
        await Storage.ReadStateAsync(StateName, grainId, reader);

        Assert.Equal("「你好」 \"quoted\" \\ back\tslash\n 🚚", reader.State);
    }

    [Fact]
    public async Task Writes_ThatGrowAndShrink_ReadBackTheLastOneExactly()
    {
        var grainId = NewGrainId();
        var writer = new TestGrainState<string>(new string('长', 3000));
        await Storage.WriteStateAsync(StateName, grainId, writer);
        writer.State = "short";
        await Storage.WriteStateAsync(StateName, grainId, writer);
        writer.State = new string('x', 9000);
        await Storage.WriteStateAsync(StateName, grainId, writer);
        writer.State = "shorter";
        await Storage.WriteStateAsync(StateName, grainId, writer);

        var reader = new TestGrainState<string>("");
        await Storage.ReadStateAsync(StateName, grainId, reader);

        Assert.Equal("shorter", reader.State);
        Assert.Equal(writer.ETag, reader.ETag);
    }

    [Fact]
    public async Task Write_Each_ChangesTheETag()
    {
        var grainId = NewGrainId();
        var state = new TestGrainState<SessionSnapshot>(Snapshot("v1"));
        var eTags = new List<string?>();
        for (var i = 1; i <= 4; i++)
        {
            state.State = Snapshot($"v{i}");
            await Storage.WriteStateAsync(StateName, grainId, state);
            Assert.True(state.RecordExists);
            eTags.Add(state.ETag);
        }

        Assert.All(eTags, Assert.NotNull);
        Assert.Equal(eTags.Count, eTags.Distinct().Count());
        var reader = new TestGrainState<SessionSnapshot>(Snapshot("placeholder"));
        await Storage.ReadStateAsync(StateName, grainId, reader);
        Assert.Equal("v4", reader.State.Title);
        Assert.Equal(eTags[^1], reader.ETag);
    }

    [Fact]
    public async Task Write_WithStaleETag_FailsAndKeepsNewerState()
    {
        var grainId = NewGrainId();
        var first = new TestGrainState<SessionSnapshot>(Snapshot("original"));
        await Storage.WriteStateAsync(StateName, grainId, first);
        var stale = first.Copy();

        first.State = Snapshot("newer");
        await Storage.WriteStateAsync(StateName, grainId, first);
        var staleETag = stale.ETag;
        stale.State = Snapshot("from the stale duplicate");
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale));

        Assert.Equal(first.ETag, error.StoredETag);
        Assert.Equal(staleETag, error.CurrentETag);
        Assert.Contains(StateName, error.Message, StringComparison.Ordinal);
        Assert.Equal(staleETag, stale.ETag);
        var reader = new TestGrainState<SessionSnapshot>(Snapshot("placeholder"));
        await Storage.ReadStateAsync(StateName, grainId, reader);
        Assert.Equal("newer", reader.State.Title);
        Assert.Equal(first.ETag, reader.ETag);
    }

    [Fact]
    public async Task Write_WithETagOfMissingRecord_Fails()
    {
        var grainId = NewGrainId();
        var state = new TestGrainState<string>("x") { ETag = "987654321" };

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, state));

        Assert.Null(error.StoredETag);
        Assert.Equal("987654321", error.CurrentETag);
        var reader = new TestGrainState<string>("");
        await Storage.ReadStateAsync(StateName, grainId, reader);
        Assert.False(reader.RecordExists);
    }

    [Fact]
    public async Task Write_WithoutETagWhenRecordExists_FailsAndNamesStoredETag()
    {
        var grainId = NewGrainId();
        var first = new TestGrainState<string>("first");
        await Storage.WriteStateAsync(StateName, grainId, first);

        var late = new TestGrainState<string>("late");
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, late));

        Assert.Equal(first.ETag, error.StoredETag);
        Assert.Null(error.CurrentETag);
        Assert.False(late.RecordExists);
    }

    [Fact]
    public async Task Write_TwoInsertersRacing_ExactlyOneWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var grainId = NewGrainId();
            var writers = Enumerable.Range(0, 2).Select(i => new TestGrainState<string>($"writer {i}")).ToArray();

            var outcomes = await RaceAsync(writers, w => Storage.WriteStateAsync(StateName, grainId, w));

            Assert.Single(outcomes, won => won);
            var winner = writers[Array.IndexOf(outcomes, true)];
            var reader = new TestGrainState<string>("");
            await Storage.ReadStateAsync(StateName, grainId, reader);
            Assert.Equal(winner.State, reader.State);
            Assert.Equal(winner.ETag, reader.ETag);
        }
    }

    [Fact]
    public async Task Write_ManyWritersWithSameETag_ExactlyOneWins()
    {
        var grainId = NewGrainId();
        var seed = new TestGrainState<string>("seed");
        await Storage.WriteStateAsync(StateName, grainId, seed);
        var writers = Enumerable.Range(0, 8).Select(i => new TestGrainState<string>($"writer {i}") { ETag = seed.ETag, RecordExists = true }).ToArray();

        var outcomes = await RaceAsync(writers, w => Storage.WriteStateAsync(StateName, grainId, w));

        Assert.Single(outcomes, won => won);
        var reader = new TestGrainState<string>("");
        await Storage.ReadStateAsync(StateName, grainId, reader);
        Assert.Equal(writers[Array.IndexOf(outcomes, true)].State, reader.State);
    }

    [Fact]
    public async Task Clear_ThenWriteWithoutETag_CreatesTheRecordAgain()
    {
        var grainId = NewGrainId();
        var state = new TestGrainState<string>("before");
        await Storage.WriteStateAsync(StateName, grainId, state);

        await Storage.ClearStateAsync(StateName, grainId, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        var afterClear = new TestGrainState<string>("placeholder");
        await Storage.ReadStateAsync(StateName, grainId, afterClear);
        Assert.False(afterClear.RecordExists);

        state.State = "after";
        await Storage.WriteStateAsync(StateName, grainId, state);
        var reader = new TestGrainState<string>("");
        await Storage.ReadStateAsync(StateName, grainId, reader);
        Assert.True(reader.RecordExists);
        Assert.Equal("after", reader.State);
    }

    [Fact]
    public async Task Write_WithETagFromBeforeClearAndRecreate_Fails()
    {
        var grainId = NewGrainId();
        var owner = new TestGrainState<string>("first life");
        await Storage.WriteStateAsync(StateName, grainId, owner);
        var stale = owner.Copy();
        await Storage.ClearStateAsync(StateName, grainId, owner);
        owner.State = "second life";
        await Storage.WriteStateAsync(StateName, grainId, owner);

        stale.State = "stale duplicate";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale));

        var reader = new TestGrainState<string>("");
        await Storage.ReadStateAsync(StateName, grainId, reader);
        Assert.Equal("second life", reader.State);
    }

    [Fact]
    public async Task Clear_WithStaleETag_FailsAndKeepsRecord()
    {
        var grainId = NewGrainId();
        var owner = new TestGrainState<string>("v1");
        await Storage.WriteStateAsync(StateName, grainId, owner);
        var stale = owner.Copy();
        owner.State = "v2";
        await Storage.WriteStateAsync(StateName, grainId, owner);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grainId, stale));

        Assert.Equal(owner.ETag, error.StoredETag);
        Assert.True(stale.RecordExists);
        var reader = new TestGrainState<string>("");
        await Storage.ReadStateAsync(StateName, grainId, reader);
        Assert.Equal("v2", reader.State);
        Assert.Equal(owner.ETag, reader.ETag);
    }

    [Fact]
    public async Task Clear_WithoutETagWhenRecordExists_Fails()
    {
        var grainId = NewGrainId();
        var owner = new TestGrainState<string>("kept");
        await Storage.WriteStateAsync(StateName, grainId, owner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grainId, new TestGrainState<string>("")));

        var reader = new TestGrainState<string>("");
        await Storage.ReadStateAsync(StateName, grainId, reader);
        Assert.Equal("kept", reader.State);
    }

    [Fact]
    public async Task Clear_OfMissingRecord_SucceedsWithoutETagAndFailsWithOne()
    {
        var grainId = NewGrainId();

        await Storage.ClearStateAsync(StateName, grainId, new TestGrainState<string>(""));
        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.ClearStateAsync(StateName, grainId, new TestGrainState<string>("") { ETag = "7", RecordExists = true }));

        Assert.Null(error.StoredETag);
        Assert.Equal("7", error.CurrentETag);
    }

    [Fact]
    public async Task Write_OfOneStateName_DoesNotTouchAnotherOfTheSameGrain()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync("profile", grainId, new TestGrainState<string>("profile value"));
        await Storage.WriteStateAsync("memory", grainId, new TestGrainState<string>("memory value"));

        var profile = new TestGrainState<string>("");
        var memory = new TestGrainState<string>("");
        await Storage.ReadStateAsync("profile", grainId, profile);
        await Storage.ReadStateAsync("memory", grainId, memory);

        Assert.Equal("profile value", profile.State);
        Assert.Equal("memory value", memory.State);
        Assert.NotEqual(profile.ETag, memory.ETag);
    }

    [Fact]
    public async Task Write_WithNonNumericETag_FailsAsInconsistent()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, new TestGrainState<string>("stored"));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, new TestGrainState<string>("other") { ETag = "not-a-version" }));
    }

    [Fact]
    public async Task Calls_WithoutStateName_Throw()
    {
        var state = new TestGrainState<string>("");

        await Assert.ThrowsAsync<ArgumentException>(() => Storage.ReadStateAsync("", NewGrainId(), state));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Storage.WriteStateAsync(null!, NewGrainId(), state));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Storage.ClearStateAsync<string>(StateName, NewGrainId(), null!));
    }

    /// <summary>Starts every write at once (released together from the thread pool); true for each that won.</summary>
    private static async Task<bool[]> RaceAsync<TState>(IEnumerable<TState> writers, Func<TState, Task> write)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = writers.Select(async w =>
        {
            await start.Task;
            try
            {
                await write(w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }).ToArray();
        start.SetResult();
        return await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromSeconds(30));
    }
}
