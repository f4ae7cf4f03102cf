using Conversations.Bot.Policy;

namespace Conversations.Bot.Tests.Policy;

[Collection(ShopBotCollection.Name)]
public sealed class ShopBotSuggestionTests
{
    private readonly ShopBotFixture _shop;

    public ShopBotSuggestionTests(ShopBotFixture shop)
    {
        _shop = shop;
    }

    [Fact]
    public async Task Suggestions_ForAnOrderQuestion_PutTheOrderStatusDraftFirst()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(chat.CustomerId, _shop.Now.AddHours(-10)));
        await chat.SayAsync($"where is order {orderId}?");

        var suggestions = await _shop.Bot.SuggestAsync(chat.Context, CancellationToken.None);

        Assert.InRange(suggestions.Count, 2, new BotPolicyOptions().MaxSuggestions);
        Assert.Equal(SuggestionSources.Order, suggestions[0].Source);
        Assert.Contains($"Order {orderId} shipped on", suggestions[0].Text, StringComparison.Ordinal);
        Assert.Contains(suggestions, s => s.Source == SuggestionSources.Knowledge);
        Assert.Contains(suggestions, s => s.Source == SuggestionSources.Order && s.Text.Contains("return", StringComparison.Ordinal));
        Assert.Equal(suggestions.OrderByDescending(s => s.Confidence), suggestions);
        Assert.All(suggestions, s => Assert.InRange(s.Confidence, 0, 1));
        Assert.Equal(suggestions.Count, suggestions.Select(s => s.Text).Distinct().Count());
    }

    [Fact]
    public async Task Suggestions_ForAnFaq_PutTheKnowledgeAnswerFirst()
    {
        var chat = _shop.Start();
        await chat.SayAsync("how long does a refund take");

        var suggestions = await _shop.Bot.SuggestAsync(chat.Context, CancellationToken.None);

        Assert.Equal(SuggestionSources.Knowledge, suggestions[0].Source);
        Assert.Equal(_shop.Knowledge.Get("kb-en-after_sales-010")!.Answer, suggestions[0].Text);
    }

    [Fact]
    public async Task Suggestions_NeverDraftFromAnotherCustomersOrder()
    {
        var owner = ShopBotFixture.NewCustomerId();
        var orderId = await _shop.ImportAsync(ShopOrders.Shipped(owner, _shop.Now.AddHours(-10)));
        var chat = _shop.Start();
        await chat.SayAsync($"where is order {orderId}?");

        var suggestions = await _shop.Bot.SuggestAsync(chat.Context, CancellationToken.None);

        Assert.DoesNotContain(suggestions, s => s.Source == SuggestionSources.Order);
    }
}
