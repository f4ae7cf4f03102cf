using Conversations.Grains.Transcripts;
using Conversations.Grains.Transcripts.Internal;
using static Conversations.Grains.Tests.Transcripts.TranscriptSamples;

namespace Conversations.Grains.Tests.Transcripts;

public sealed class MemoryTranscriptStoreTests : TranscriptStoreContract
{
    protected override Task<ITranscriptStore> CreateStoreAsync() => Task.FromResult<ITranscriptStore>(new MemoryTranscriptStore());

    [Fact]
    public async Task ManySessions_FillingSeveralArenaPages_ReadBackEveryEventExactly()
    {
        var store = new MemoryTranscriptStore();
        var text = new string('货', 300);
        for (var seq = 1; seq <= 300; seq++)
        {
            for (var s = 0; s < 10; s++) await store.AppendAsync($"s{s}", [Bot($"s{s}", seq, $"{seq}:{text}")]);
        }

        for (var s = 0; s < 10; s++)
        {
            var events = await store.ReadAsync($"s{s}", 0, 1000);
            Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), events.Select(e => e.Seq));
            Assert.All(events, e => Assert.Equal($"{e.Seq}:{text}", e.Text));
            Assert.All(events, e => Assert.Equal($"s{s}", e.SessionId));
        }
    }

    [Fact]
    public void Arena_KeepsAnEventLargerThanAPage_AndGoesOnFillingTheCurrentPage()
    {
        var arena = new TranscriptArena();
        var small = arena.Add("first"u8);
        var huge = arena.Add(Enumerable.Repeat((byte)'x', TranscriptArena.PageSize + 10).ToArray());
        var next = arena.Add("next"u8);

        Assert.Equal("first"u8.ToArray(), arena.Get(small).ToArray());
        Assert.Equal(TranscriptArena.PageSize + 10, arena.Get(huge).Length);
        Assert.Equal("next"u8.ToArray(), arena.Get(next).ToArray());
        Assert.Equal(small.Page, next.Page);
        Assert.NotEqual(small.Page, huge.Page);
    }

    [Fact]
    public async Task Arena_AddedToFromManyThreadsAtOnce_KeepsEveryEventIntactAcrossPages()
    {
        var arena = new TranscriptArena();
        const int Threads = 8, PerThread = 2_000;
        using var start = new Barrier(Threads);

        // About 5 MB in all, so writers race over several page changes; each event's bytes say who wrote it.
        var written = await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            var slots = new List<(EventSlot Slot, byte[] Bytes)>();
            for (var i = 0; i < PerThread; i++)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes($"{t}:{i}:" + new string((char)('a' + t), 100 + (i % 300)));
                slots.Add((arena.Add(bytes), bytes));
            }

            return slots;
        }, TaskCreationOptions.LongRunning)));

        var all = written.SelectMany(w => w).ToList();
        Assert.All(all, w => Assert.Equal(w.Bytes, arena.Get(w.Slot).ToArray()));
        Assert.True(all.Select(w => w.Slot.Page).Distinct().Count() > 3, "the events should have spanned several pages");
        var overlapping = all.GroupBy(w => w.Slot.Page)
            .SelectMany(p => p.OrderBy(w => w.Slot.Offset).Zip(p.OrderBy(w => w.Slot.Offset).Skip(1)))
            .Count(pair => pair.First.Slot.Offset + pair.First.Slot.Length > pair.Second.Slot.Offset);
        Assert.Equal(0, overlapping);
    }
}
