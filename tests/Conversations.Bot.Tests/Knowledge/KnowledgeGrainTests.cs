using Conversations.Abstractions;
using Conversations.Abstractions.Knowledge;
using Conversations.Bot.Knowledge;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Bot.Tests.Knowledge;

public sealed class KnowledgeGrainTests
{
    internal static readonly KnowledgeEntry Invoice = new(
        "kb-en-invoice", KnowledgeCategories.Purchasing, "en", BotIntents.Invoice, ["how do i get an invoice"], "Ask for one on the order page.");

    [Fact]
    public async Task FirstActivation_WithDemoSeeding_HoldsTheShippedEntries()
    {
        await using var cluster = await StartAsync(seedShippedEntries: true);

        var snapshot = await cluster.GrainFactory.GetKnowledgeBase().GetEntries();

        Assert.Equal(1, snapshot.Version);
        Assert.Equal(KnowledgeLoader.LoadEmbedded().Select(e => e.Id).Order(StringComparer.Ordinal), snapshot.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task FirstActivation_WithoutDemoSeeding_IsEmpty()
    {
        await using var cluster = await StartAsync(seedShippedEntries: false);

        var snapshot = await cluster.GrainFactory.GetKnowledgeBase().GetEntries();

        Assert.Equal(0, snapshot.Version);
        Assert.Empty(snapshot.Entries);
    }

    [Fact]
    public async Task EveryChange_RaisesTheVersion_AndARestartKeepsBoth()
    {
        await using var cluster = await StartAsync(seedShippedEntries: false);
        var knowledge = cluster.GrainFactory.GetKnowledgeBase();

        Assert.Equal(1, await knowledge.Upsert(Invoice));
        Assert.Equal(2, await knowledge.Upsert(Invoice with { Answer = "It is on the order page." }));
        await cluster.RestartAsync();
        var snapshot = await cluster.GrainFactory.GetKnowledgeBase().GetEntries();

        Assert.Equal(2, snapshot.Version);
        Assert.Equal("It is on the order page.", Assert.Single(snapshot.Entries).Answer);
        Assert.Equal(3, await cluster.GrainFactory.GetKnowledgeBase().Delete(Invoice.Id));
    }

    [Fact]
    public async Task InvalidEntry_IsABadRequest_AndChangesNothing()
    {
        await using var cluster = await StartAsync(seedShippedEntries: false);
        var knowledge = cluster.GrainFactory.GetKnowledgeBase();

        var error = await Assert.ThrowsAsync<ConversationException>(() => knowledge.Upsert(Invoice with { Language = "fr" }));

        Assert.Equal(ErrorCodes.BadRequest, error.Code);
        Assert.Contains("language 'fr'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await knowledge.GetVersion());
    }

    [Fact]
    public async Task Delete_UnknownEntry_IsNotFound()
    {
        await using var cluster = await StartAsync(seedShippedEntries: false);

        var error = await Assert.ThrowsAsync<ConversationException>(() => cluster.GrainFactory.GetKnowledgeBase().Delete("kb-none"));

        Assert.Equal(ErrorCodes.NotFound, error.Code);
    }

    internal static Task<TestCluster> StartAsync(bool seedShippedEntries) =>
        new TestClusterBuilder()
            .UseFakeTime()
            .AddGrains(typeof(KnowledgeGrain).Assembly)
            .ConfigureServices(services => services.Configure<KnowledgeOptions>(o => o.SeedShippedEntries = seedShippedEntries))
            .BuildAndStartAsync();
}
