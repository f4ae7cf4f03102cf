using Conversations.Abstractions.Knowledge;
using Conversations.Bot.Knowledge;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conversations.Bot.Tests.Knowledge;

public sealed class KnowledgeSyncTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Start_LoadsTheClustersEntriesIntoTheIndex()
    {
        await using var cluster = await KnowledgeGrainTests.StartAsync(seedShippedEntries: true);
        var index = new KnowledgeBase();
        using var sync = await StartSyncAsync(cluster, index);

        Assert.Equal(1, sync.Version);
        Assert.Equal(KnowledgeLoader.LoadEmbedded().Count, index.Count);
        await sync.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AChangeMadeThroughAnotherSilo_ReachesTheIndex_AtTheNextPoll()
    {
        await using var cluster = await KnowledgeGrainTests.StartAsync(seedShippedEntries: false);
        var index = new KnowledgeBase();
        using var sync = await StartSyncAsync(cluster, index);
        var question = KnowledgeGrainTests.Invoice.Questions[0];

        var version = await cluster.GrainFactory.GetKnowledgeBase().Upsert(KnowledgeGrainTests.Invoice);
        Assert.Empty(index.Search(question, "en"));
        cluster.FakeTime.Advance(KnowledgeSync.RefreshPeriod);
        await sync.WaitForVersionAsync(version).WaitAsync(s_deadline);

        Assert.Equal(KnowledgeGrainTests.Invoice.Id, index.Search(question, "en")[0].Entry.Id);
        await sync.StopAsync(CancellationToken.None);
    }

    private static async Task<KnowledgeSync> StartSyncAsync(TestCluster cluster, KnowledgeBase index)
    {
        var sync = new KnowledgeSync(cluster.GrainFactory, index, cluster.FakeTime, NullLogger<KnowledgeSync>.Instance);
        await sync.StartAsync(CancellationToken.None);
        return sync;
    }
}
