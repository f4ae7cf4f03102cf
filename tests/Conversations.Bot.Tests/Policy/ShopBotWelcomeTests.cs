using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Sessions;
using Conversations.Bot.Policy;

namespace Conversations.Bot.Tests.Policy;

[Collection(ShopBotCollection.Name)]
public sealed class ShopBotWelcomeTests
{
    private readonly ShopBotFixture _shop;

    public ShopBotWelcomeTests(ShopBotFixture shop)
    {
        _shop = shop;
    }

    [Theory]
    [InlineData("en", "Where's my order", "Talk to a person")]
    [InlineData("zh", "查订单物流", "转人工")]
    public async Task Welcome_GreetsInTheSessionLanguageWithCardsForTheCommonQuestions(string language, string first, string last)
    {
        var turn = await _shop.Start(language: language).WelcomeAsync();

        Assert.Equal([EventKinds.Message, EventKinds.QuickReplies], turn.Replies.Select(r => r.Kind));
        Assert.Contains(language == "zh" ? "小露" : "Lulu", turn.FirstMessage(), StringComparison.Ordinal);
        var options = turn.Options();
        Assert.Equal(5, options.Count);
        Assert.Equal(first, options[0].Label);
        Assert.Equal(last, options[^1].Label);
        Assert.Null(turn.Handoff);
        Assert.False(turn.LowConfidence);
    }

    [Theory]
    [InlineData(CustomerTiers.Vip, "en", "VIP member")]
    [InlineData(CustomerTiers.Svip, "en", "SVIP member")]
    [InlineData(CustomerTiers.Vip, "zh", "尊敬的 VIP 会员")]
    public async Task Welcome_GreetsVipsAsSuch(string tier, string language, string expected)
    {
        var turn = await _shop.Start(language: language, tier: tier).WelcomeAsync();

        Assert.Contains(expected, turn.FirstMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Welcome_ForASessionAboutAnOrder_OffersThatOrderFirst()
    {
        var customerId = ShopBotFixture.NewCustomerId();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(customerId, _shop.Now.AddHours(-10)));
        var chat = _shop.Start(customerId, orderId: orderId);

        var welcome = await chat.WelcomeAsync();
        var turn = await chat.SayAsync(welcome.Options()[0].Text);

        Assert.Contains(orderId[^4..], welcome.Options()[0].Label, StringComparison.Ordinal);
        Assert.Equal(orderId, turn.Card()!.OrderId);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(3)]
    public async Task Welcome_ForASessionAboutAnOrder_ShowsNoMoreCardsThanConfiguredAndKeepsTheWayToAPerson(int maxQuickReplies)
    {
        var customerId = ShopBotFixture.NewCustomerId();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(customerId, _shop.Now.AddHours(-10)));
        var bot = _shop.CreateBot(o => o.MaxQuickReplies = maxQuickReplies);

        var options = (await _shop.Start(customerId, orderId: orderId, bot: bot).WelcomeAsync()).Options();

        Assert.Equal(maxQuickReplies, options.Count);
        Assert.Contains(orderId[^4..], options[0].Label, StringComparison.Ordinal);
        Assert.Equal("Where's my order", options[1].Label);
        Assert.Equal("Talk to a person", options[^1].Label);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public async Task Welcome_EachCard_IsUnderstoodWhenTapped(string language)
    {
        var chat = _shop.Start(language: language);
        var welcome = await chat.WelcomeAsync();

        foreach (var option in welcome.Options())
        {
            var turn = await _shop.Start(language: language).SayAsync(option.Text);
            Assert.False(turn.LowConfidence, $"'{option.Text}' was not understood.");
            Assert.True(turn.Replies.Count > 0, $"'{option.Text}' got no answer.");
        }
    }
}
