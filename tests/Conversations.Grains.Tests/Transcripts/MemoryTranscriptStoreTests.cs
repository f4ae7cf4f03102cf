using Conversations.Grains.Transcripts;
using static Conversations.Grains.Tests.Transcripts.TranscriptSamples;

namespace Conversations.Grains.Tests.Transcripts;

public sealed class MemoryTranscriptStoreTests : TranscriptStoreContract
{
    protected override Task<ITranscriptStore> CreateStoreAsync() => Task.FromResult<ITranscriptStore>(new MemoryTranscriptStore());

    [Fact]
    public async Task Append_LeavingAGap_IsRefused()
    {
        var store = new MemoryTranscriptStore();
        await store.AppendAsync("s", [Bot("s", 1, "one")]);

        await Assert.ThrowsAsync<TranscriptConflictException>(() => store.AppendAsync("s", [Bot("s", 3, "three")]));
    }
}
