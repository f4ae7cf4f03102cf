using Conversations.Abstractions.Orders;
using Conversations.Bot.Knowledge;
using Conversations.Bot.Policy;
using Conversations.Grains.Customers;
using Conversations.Grains.Orders;
using Conversations.Runtime;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Bot.Tests.Policy;

/// <summary>
/// The production model trained once from the shipped data, the demo knowledge base, and a fake-clock test
/// cluster running the real order and customer grains; shared by the policy tests, which each use their
/// own customers and orders with dates relative to the cluster's clock.
/// </summary>
public sealed class ShopBotFixture : IAsyncLifetime
{
    private static int s_next;

    public BotAnalyzer Analyzer { get; private set; } = null!;

    public KnowledgeBase Knowledge { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public FakeTimeProvider Clock => Cluster.FakeTime;

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>The bot with the default policy.</summary>
    public ShopBot Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Analyzer = BotModel.TrainFromEmbeddedData(new BotPolicyOptions().ToAnalyzerOptions());
        Knowledge = new KnowledgeBase(extractor: Analyzer.EntityExtractor);
        Knowledge.UpsertRange(KnowledgeLoader.LoadEmbedded());
        Cluster = await new TestClusterBuilder()
            .UseFakeTime()
            .ConfigureServices(services =>
            {
                services.AddSingleton(new GrainClassRegistration(typeof(OrderGrain)));
                services.AddSingleton(new GrainClassRegistration(typeof(CustomerGrain)));
                services.AddOrderPolicies();
            })
            .BuildAndStartAsync();
        Bot = CreateBot();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A bot on the shared model and cluster with its own policy.</summary>
    public ShopBot CreateBot(Action<BotPolicyOptions>? configure = null)
    {
        var options = new BotPolicyOptions();
        configure?.Invoke(options);
        return new ShopBot(Analyzer, Knowledge, Grains, Options.Create(options), Clock);
    }

    public static string NewCustomerId() => $"c-policy-{Interlocked.Increment(ref s_next)}";

    /// <summary>A fresh 16-digit order number, in the shop's default format.</summary>
    public static string NewOrderId() => $"20261111{Interlocked.Increment(ref s_next):D8}";

    /// <summary>Imports <paramref name="document"/> under a fresh order number (which also lists it on the customer).</summary>
    public async Task<string> ImportAsync(OrderDocument document)
    {
        var orderId = NewOrderId();
        await Grains.GetGrain<IOrderGrain>(orderId).Upsert(document);
        return orderId;
    }

    public Task<OrderView> OrderAsync(string orderId) => Grains.GetGrain<IOrderGrain>(orderId).Get(null);

    public BotConversation Start(string? customerId = null, string language = "en", string tier = "regular", string? orderId = null, ShopBot? bot = null) =>
        new(bot ?? Bot, customerId ?? NewCustomerId(), language, tier, orderId);
}
