using Conversations.Abstractions.Sessions;
using Conversations.Grains.Transcripts;
using static Conversations.Grains.Tests.Transcripts.TranscriptSamples;

namespace Conversations.Grains.Tests.Transcripts;

/// <summary>What every transcript store must do; run against memory and PostgreSQL.</summary>
public abstract class TranscriptStoreContract
{
    protected abstract Task<ITranscriptStore> CreateStoreAsync();

    [Fact]
    public async Task Append_ThenRead_ReturnsEventsInSeqOrderWithAllFields()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync("s-1", [Customer("s-1", 1, "where is my order", "m-1"), Bot("s-1", 2, "On its way")]);
        await store.AppendAsync("s-1", [Position("s-1", 3, 4)]);

        var events = await store.ReadAsync("s-1", 0, 100);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Seq));
        Assert.Equal("where is my order", events[0].Text);
        Assert.Equal(new Sender(SenderRoles.Customer, "c-1"), events[0].Sender);
        Assert.Equal(Start.AddSeconds(1), events[0].At);
        Assert.Equal(EventKinds.QueuePosition, events[2].Kind);
        Assert.Equal(4, events[2].Data!.Value.GetProperty("position").GetInt32());
        Assert.Null(events[1].Data);
    }

    [Fact]
    public async Task Read_AfterSeqWithLimit_ReturnsThePage()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync("s-2", [.. Enumerable.Range(1, 10).Select(i => Bot("s-2", i, $"line {i}"))]);

        var page = await store.ReadAsync("s-2", 3, 4);

        Assert.Equal([4L, 5L, 6L, 7L], page.Select(e => e.Seq));
        Assert.Empty(await store.ReadAsync("s-2", 10, 5));
        Assert.Empty(await store.ReadAsync("unknown", 0, 5));
    }

    [Fact]
    public async Task ReadIndex_ReturnsLastSeqAndClientMessageIds()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync("s-3", [Customer("s-3", 1, "hi", "m-1"), Bot("s-3", 2, "hello")]);
        await store.AppendAsync("s-3", [Customer("s-3", 3, "agent please", "m-2")]);

        var index = await store.ReadIndexAsync("s-3");

        Assert.Equal(3, index.LastSeq);
        Assert.Equal([(1L, "m-1"), (3L, "m-2")], index.ClientMessages.Select(m => (m.Seq, m.ClientMessageId)));
        Assert.All(index.ClientMessages, m => Assert.Equal((SenderRoles.Customer, "c-1"), (m.SenderRole, m.SenderId)));
        Assert.Equal(Start.AddSeconds(3), index.ClientMessages[1].At);
        Assert.Equal(0, (await store.ReadIndexAsync("nobody")).LastSeq);
    }

    [Fact]
    public async Task Append_WithSeqAlreadyStored_FailsAndKeepsTheFirst()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync("s-4", [Customer("s-4", 1, "first", "m-1"), Bot("s-4", 2, "reply")]);

        await Assert.ThrowsAsync<TranscriptConflictException>(() => store.AppendAsync("s-4", [Bot("s-4", 2, "stale writer"), Bot("s-4", 3, "more")]));

        var events = await store.ReadAsync("s-4", 0, 10);
        Assert.Equal(["first", "reply"], events.Select(e => e.Text));
    }

    [Fact]
    public async Task Append_LeavingAGap_IsRefused_AndTheNextSeqStaysFree()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync("gap", [Bot("gap", 1, "one")]);

        await Assert.ThrowsAsync<TranscriptConflictException>(() => store.AppendAsync("gap", [Bot("gap", 3, "three")]));
        await Assert.ThrowsAsync<TranscriptConflictException>(() => store.AppendAsync("gap-new", [Bot("gap-new", 2, "two before one")]));

        Assert.Equal(0, (await store.ReadIndexAsync("gap-new")).LastSeq);
        await store.AppendAsync("gap", [Bot("gap", 2, "two")]);
        Assert.Equal(["one", "two"], (await store.ReadAsync("gap", 0, 10)).Select(e => e.Text));
    }

    [Fact]
    public async Task Append_WithDuplicateSeq_FailsOnlyThatAppend()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync("dup", [Bot("dup", 1, "original")]);

        await AssertOnlyTheBadAppendFailsAsync(store, () => store.AppendAsync("dup", [Bot("dup", 1, "stale")]));

        Assert.Equal("original", (await store.ReadAsync("dup", 0, 5)).Single().Text);
    }

    [Fact]
    public async Task Append_LeavingAGap_FailsOnlyThatAppend()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync("hole", [Bot("hole", 1, "one")]);

        await AssertOnlyTheBadAppendFailsAsync(store, () => store.AppendAsync("hole", [Bot("hole", 3, "three")]));

        Assert.Equal("one", (await store.ReadAsync("hole", 0, 5)).Single().Text);
    }

    [Fact]
    public async Task Append_RefusesMalformedBatches()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("s-5", []));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("s-5", [Bot("s-5", 1, "a"), Bot("s-5", 3, "gap")]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("s-5", [Bot("another", 1, "wrong session")]));
    }

    /// <summary>The bad append, made among many good ones of other sessions (a group-committing store batches them together), fails alone.</summary>
    private static async Task AssertOnlyTheBadAppendFailsAsync(ITranscriptStore store, Func<Task> badAppend)
    {
        var appends = Enumerable.Range(0, 20).Select(i => store.AppendAsync($"other-{i}", [Bot($"other-{i}", 1, "fine")])).ToList();
        var bad = badAppend();
        appends.AddRange(Enumerable.Range(20, 20).Select(i => store.AppendAsync($"other-{i}", [Bot($"other-{i}", 1, "fine")])));

        await Assert.ThrowsAsync<TranscriptConflictException>(() => bad);
        await Task.WhenAll(appends);
        for (var i = 0; i < 40; i++) Assert.Equal(1, (await store.ReadIndexAsync($"other-{i}")).LastSeq);
    }
}
