using Conversations.Bot.Policy;
using Conversations.Bot.Policy.Internal;

namespace Conversations.Bot.Tests.Policy;

[Collection(ShopBotCollection.Name)]
public sealed class ShopBotKnowledgeTests
{
    private readonly ShopBotFixture _shop;

    public ShopBotKnowledgeTests(ShopBotFixture shop)
    {
        _shop = shop;
    }

    [Theory]
    [InlineData("en", "any coupons?", "kb-en-promotion-001")]
    [InlineData("zh", "有优惠券吗", "kb-zh-promotion-001")]
    [InlineData("en", "I paid but the order still says unpaid", "kb-en-purchasing-002")]
    [InlineData("zh", "怎么开发票？", "kb-zh-purchasing-003")]
    public async Task KnowledgeQuestion_IsAnsweredFromTheKnowledgeBase_WithRelatedQuestions(string language, string text, string entryId)
    {
        var entry = _shop.Knowledge.Get(entryId)!;

        var turn = await _shop.Start(language: language).SayAsync(text);

        Assert.Equal(entry.Answer, turn.FirstMessage());
        Assert.False(turn.LowConfidence);
        Assert.Null(turn.Handoff);
        var related = entry.Related.Select(id => _shop.Knowledge.Get(id)!.Questions[0]);
        Assert.Equal(related, turn.Options().Select(o => o.Text));
    }

    [Fact]
    public async Task KnowledgeQuestion_ThatTheClassifierIsUnsureOf_IsStillAnsweredWhenTheFaqMatchesIt()
    {
        var turn = await _shop.Start().SayAsync("do you deliver to Xinjiang");

        Assert.Equal(_shop.Knowledge.Get("kb-en-logistics-004")!.Answer, turn.FirstMessage());
        Assert.False(turn.LowConfidence);
    }

    [Fact]
    public async Task Greeting_IsAnsweredWithThePopularQuestions()
    {
        var turn = await _shop.Start().SayAsync("hi");

        Assert.Equal(_shop.Knowledge.Get("kb-en-chatting-001")!.Answer, turn.FirstMessage());
        Assert.Equal(5, turn.Options().Count);
    }

    [Fact]
    public async Task GeneralOrderQuestion_IsAnsweredThenOffersTheCustomersOrders()
    {
        var chat = _shop.Start();
        var orderId = await _shop.ImportAsync(ShopOrders.Paid(chat.CustomerId, _shop.Now.AddHours(-1)));

        var turn = await chat.SayAsync("I want to cancel my order");

        Assert.Equal(_shop.Knowledge.Get("kb-en-purchasing-006")!.Answer, turn.FirstMessage());
        Assert.Equal($"Order {orderId}", Assert.Single(turn.Options()).Text);
    }

    [Fact]
    public async Task EnglishMessage_InAChineseSession_IsAnsweredInEnglish()
    {
        var turn = await _shop.Start(language: "zh").SayAsync("how long does a refund take");

        Assert.Equal(_shop.Knowledge.Get("kb-en-after_sales-010")!.Answer, turn.FirstMessage());
    }

    public static TheoryData<string, string> Prompts()
    {
        var data = new TheoryData<string, string>();
        foreach (var intent in IntentPrompts.Intents)
        {
            data.Add(intent, "en");
            data.Add(intent, "zh");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public void IntentCard_ReadsBackAsItsIntent(string intent, string language)
    {
        var text = IntentPrompts.For(intent, new Speech(language, TimeSpan.FromHours(8), _shop.Now)).Text;

        var analysis = _shop.Analyzer.Analyze(text);

        Assert.Equal(intent, analysis.Intent);
        Assert.False(analysis.NeedsClarification, $"'{text}' is read as {analysis.Intent} at {analysis.Confidence:0.00}");
    }
}
