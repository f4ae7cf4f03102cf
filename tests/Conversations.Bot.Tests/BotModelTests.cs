using Conversations.Bot.Entities;
using Conversations.Bot.Tests.Fixtures;

namespace Conversations.Bot.Tests;

[Collection(EmbeddedModelCollection.Name)]
public sealed class BotModelTests(EmbeddedModelFixture fixture)
{
    private readonly BotAnalyzer _analyzer = fixture.Analyzer;

    [Theory]
    [InlineData("我的快递到哪了，订单号2026111100001234", BotIntents.OrderStatus, "zh")]
    [InlineData("where is my package? it's been a week", BotIntents.OrderStatus, "en")]
    [InlineData("我要退货，尺码不合适", BotIntents.ReturnExchange, "zh")]
    [InlineData("can I get an invoice for my order", BotIntents.Invoice, "en")]
    [InlineData("地址填错了，能改一下吗", BotIntents.ChangeAddress, "zh")]
    [InlineData("转人工", BotIntents.HumanAgent, "zh")]
    [InlineData("thanks a lot!", BotIntents.Thanks, "en")]
    [InlineData("收到的杯子碎了", BotIntents.DamagedOrWrongItem, "zh")]
    public void Analyze_TypicalMessages_GetTheRightIntentAndLanguage(string text, string intent, string language)
    {
        var analysis = _analyzer.Analyze(text);

        Assert.Equal(intent, analysis.Intent);
        Assert.Equal(language, analysis.Language);
    }

    [Fact]
    public void Analyze_OrderNumberAndPhone_AreBothExtracted()
    {
        var analysis = _analyzer.Analyze("订单2026111100001234的收货电话改成13912345678");

        Assert.Equal([EntityTypes.OrderId, EntityTypes.Phone], analysis.Entities.Select(e => e.Type));
    }

    [Theory]
    [InlineData("你们这是什么垃圾服务！！！我要打12315投诉你们")]
    [InlineData("WHERE IS MY REFUND??? YOU ARE THIEVES")]
    public void Analyze_FuriousCustomer_IsAngry(string text)
    {
        var analysis = _analyzer.Analyze(text);

        Assert.Equal(SentimentLabels.Angry, analysis.Sentiment);
        Assert.True(analysis.AngerScore >= 0.45);
    }

    [Theory]
    [InlineData("is my refund on the way")]
    [InlineData("退款什么时候到账")]
    [InlineData("what is the return policy for shoes")]
    public void Analyze_CalmQuestionAboutRefundsOrReturns_IsNotAngry(string text)
    {
        Assert.NotEqual(SentimentLabels.Angry, _analyzer.Analyze(text).Sentiment);
    }

    [Fact]
    public void SentimentExamples_AddCalmIntentExamplesAsNeutralButNoComplaintsOrHeatedOnes()
    {
        var examples = BotModel.SentimentExamples(fixture.Corpus);
        var added = examples.Skip(fixture.Corpus.TrainingSentiments.Count).ToArray();

        Assert.NotEmpty(added);
        Assert.True(added.Length < fixture.Corpus.TrainingSentiments.Count / 2);
        Assert.All(added, e => Assert.Equal(SentimentLabels.Neutral, e.Label));
        Assert.DoesNotContain(added, e => e.Text.Contains("!!", StringComparison.Ordinal) || e.Text.Contains("投诉", StringComparison.Ordinal));
        Assert.DoesNotContain(added, e => fixture.Corpus.HeldOutIntents.Any(h => h.Text == e.Text));
    }

    [Fact]
    public void Analyze_ClearQuestion_IsConfidentEnoughToAnswer()
    {
        var analysis = _analyzer.Analyze("我的快递到哪了");

        Assert.True(analysis.Confidence >= 0.7);
        Assert.False(analysis.NeedsClarification);
    }

    [Fact]
    public void Intents_CoverEveryProtocolIntent()
    {
        Assert.Equal(BotIntents.All, _analyzer.IntentClassifier.Labels);
    }

    [Theory]
    [InlineData("退货运费谁出", "zh", "after_sales")]
    [InlineData("how long until my order ships", "en", "logistics")]
    public void KnowledgeBase_ShippedEntries_AnswerCommonQuestions(string text, string language, string category)
    {
        var intent = _analyzer.Analyze(text, language).Intent;

        var hits = fixture.KnowledgeBase.Search(text, language, intent);

        Assert.NotEmpty(hits);
        Assert.Equal(category, hits[0].Entry.Category);
    }
}
