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
}
