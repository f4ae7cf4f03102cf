using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Orders;
using Conversations.Abstractions.Sessions;
using Conversations.Bot.Policy;
using Conversations.Grains;
using Conversations.Grains.Sessions;
using Conversations.Runtime;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Testing;
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

    public async Task InitializeAsync()
    {
        _cluster = await new TestClusterBuilder()
            .UseFakeTime()
            .ConfigureServices(services =>
            {
                foreach (var type in typeof(SessionGrain).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(Grain).IsAssignableFrom(t)))
                {
                    services.AddSingleton(new GrainClassRegistration(type));
                }

                services.AddConversationsDomainServices();
                // The shared model stands in for start-up training, which the registration would otherwise repeat.
                services.AddSingleton(_shop.Analyzer);
                services.AddConversationsBot();
            })
            .BuildAndStartAsync();
    }

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
