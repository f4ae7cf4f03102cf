using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Orders;
using Conversations.Abstractions.Sessions;
using Conversations.Bot.Policy;
using Conversations.Grains;
using Conversations.Grains.Sessions;
using Conversations.Runtime;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Bot.Tests.Policy;

/// <summary>The bot as the product wires it: registered by AddConversationsBot and called by real sessions.</summary>
[Collection(ShopBotCollection.Name)]
public sealed class ShopBotInSessionTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ShopBotFixture _shop;
    private TestCluster _cluster = null!;

    public ShopBotInSessionTests(ShopBotFixture shop)
    {
        _shop = shop;
    }

    private IGrainFactory Grains => _cluster.GrainFactory;

    public async Task InitializeAsync() => _cluster = await StartClusterAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Session_WelcomesThenAnswersAnOrderQuestionWithACard()
    {
        var customerId = ShopBotFixture.NewCustomerId();
        var customer = Grains.GetGrain<ICustomerGrain>(customerId);
        await customer.SetProfile(new CustomerProfile("Alice", CustomerTiers.Regular, "en", ["web"]));
        var orderId = ShopBotFixture.NewOrderId();
        var now = _cluster.FakeTime.GetUtcNow();
        await Grains.GetGrain<IOrderGrain>(orderId).Upsert(ShopOrders.Shipped(customerId, now.AddHours(-10)));
        var started = await customer.StartSession("web", "en", null);
        var session = Grains.GetGrain<ISessionGrain>(started.SessionId);

        var welcome = await session.GetHistory(0, 50);
        Assert.Contains(welcome, e => e.Kind == EventKinds.QuickReplies && BotReplies.OptionsOf(e.Data).Count == 5);

        await session.PostCustomerMessage(customerId, "m-1", $"where is order {orderId}?");
        var card = await UntilAsync(session, events => events.FirstOrDefault(e => e.Kind == EventKinds.OrderCard));

        Assert.Equal(orderId, BotReplies.OrderOf(card.Data)!.OrderId);
        Assert.Equal(orderId, (await session.GetSnapshot()).OrderId);
    }

    [Fact]
    public async Task Session_HandsOffWhenTheCustomerAsksForAPerson()
    {
        var customerId = ShopBotFixture.NewCustomerId();
        var customer = Grains.GetGrain<ICustomerGrain>(customerId);
        await customer.SetProfile(new CustomerProfile("Bo", CustomerTiers.Regular, "en", ["web"]));
        var started = await customer.StartSession("web", "en", null);
        var session = Grains.GetGrain<ISessionGrain>(started.SessionId);

        await session.PostCustomerMessage(customerId, "m-1", "I want a real person");
        await UntilAsync(session, events => events.FirstOrDefault(e => e.Kind == EventKinds.Message && e.Sender.Role == SenderRoles.Bot
            && e.Text!.Contains("connecting you to a colleague", StringComparison.Ordinal)));

        Assert.Equal(BotIntents.HumanAgent, (await session.GetSnapshot()).Intent);
    }

    [Fact]
    public async Task Session_WithTheLowConfidenceLimitConfiguredAtThree_TheBotAsksTwiceAndHandsOffOnTheThird()
    {
        await using var cluster = await StartClusterAsync(new() { ["Conversations:Sessions:LowConfidenceLimit"] = "3" });
        var customerId = ShopBotFixture.NewCustomerId();
        var customer = cluster.GrainFactory.GetGrain<ICustomerGrain>(customerId);
        await customer.SetProfile(new CustomerProfile("Cy", CustomerTiers.Regular, "en", ["web"]));
        var session = cluster.GrainFactory.GetGrain<ISessionGrain>((await customer.StartSession("web", "en", null)).SessionId);

        await session.PostCustomerMessage(customerId, "m-1", "asdfgh");
        await UntilAsync(session, events => Clarifications(events).ElementAtOrDefault(0));
        await session.PostCustomerMessage(customerId, "m-2", "qwerty zxcv");
        await UntilAsync(session, events => Clarifications(events).ElementAtOrDefault(1));
        await session.PostCustomerMessage(customerId, "m-3", "zxcvb hjkl");
        await UntilAsync(session, events => events.FirstOrDefault(e => e.Kind == EventKinds.Message && e.Sender.Role == SenderRoles.Bot
            && e.Text!.StartsWith("Sorry, I still haven't understood", StringComparison.Ordinal)));

        Assert.Equal(2, Clarifications(await session.GetHistory(0, 500)).Count());
    }

    private static IEnumerable<ConversationEvent> Clarifications(IReadOnlyList<ConversationEvent> events) =>
        events.Where(e => e.Kind == EventKinds.QuickReplies && e.Text!.Contains("not quite sure", StringComparison.Ordinal));

    private async Task<TestCluster> StartClusterAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return await new TestClusterBuilder()
            .UseFakeTime()
            .ConfigureServices(services =>
            {
                foreach (var type in typeof(SessionGrain).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(Grain).IsAssignableFrom(t)))
                {
                    services.AddSingleton(new GrainClassRegistration(type));
                }

                services.AddConversationsDomainServices(configuration);
                // The shared model stands in for start-up training, which the registration would otherwise repeat.
                services.AddSingleton(_shop.Analyzer);
                services.AddConversationsBot();
            })
            .BuildAndStartAsync();
    }

    private static async Task<ConversationEvent> UntilAsync(ISessionGrain session, Func<IReadOnlyList<ConversationEvent>, ConversationEvent?> find)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (find(await session.GetHistory(0, 500)) is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The session never showed the expected event.");
            await Task.Yield();
        }
    }
}
