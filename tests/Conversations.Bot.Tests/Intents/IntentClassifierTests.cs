using Conversations.Bot.Intents;
using Conversations.Bot.Tests.Fixtures;
using Conversations.Bot.Training;

namespace Conversations.Bot.Tests.Intents;

public sealed class IntentClassifierTests
{
    [Theory]
    [InlineData("hello, is anybody there", BotIntents.Greeting)]
    [InlineData("when is my parcel going to arrive", BotIntents.OrderStatus)]
    [InlineData("I still haven't received my refund", BotIntents.RefundStatus)]
    [InlineData("please cancel the order i placed", BotIntents.CancelOrder)]
    [InlineData("我的包裹到哪里了", BotIntents.OrderStatus)]
    [InlineData("退款怎么还没到账啊", BotIntents.RefundStatus)]
    [InlineData("我想取消刚才的订单", BotIntents.CancelOrder)]
    [InlineData("亲，你好", BotIntents.Greeting)]
    public void Classify_UnseenPhrasing_FindsTheIntent(string text, string expected)
    {
        Assert.Equal(expected, FixtureModel.Intents.Classify(text)[0].Intent);
    }

    [Fact]
    public void Classify_Typo_StillFindsTheIntent()
    {
        Assert.Equal(BotIntents.RefundStatus, FixtureModel.Intents.Classify("is my refnud done")[0].Intent);
    }

    [Fact]
    public void Classify_AnyText_GivesProbabilitiesThatSumToOneMostLikelyFirst()
    {
        var scores = FixtureModel.Intents.Classify("where is my package 2026111100001234");

        Assert.Equal(FixtureModel.Intents.Labels.Count, scores.Count);
        Assert.All(scores, s => Assert.InRange(s.Confidence, 0.0, 1.0));
        Assert.Equal(1.0, scores.Sum(s => s.Confidence), 9);
        Assert.Equal(scores.OrderByDescending(s => s.Confidence).Select(s => s.Intent), scores.Select(s => s.Intent));
    }

    [Fact]
    public void Train_WithCalibrationSlice_FitsAPositiveFiniteTemperature()
    {
        Assert.True(double.IsFinite(FixtureModel.Intents.Temperature));
        Assert.True(FixtureModel.Intents.Temperature > 0);
    }

    [Fact]
    public void Train_WithoutCalibration_KeepsTemperatureOne()
    {
        var classifier = IntentClassifier.Train(FixtureCorpus.Intents, new TrainingOptions { CalibrationFraction = 0, FeatureBits = 14 });

        Assert.Equal(1.0, classifier.Temperature);
    }

    [Fact]
    public void Train_SameDataAndSeed_GivesTheSameModel()
    {
        var options = new TrainingOptions { FeatureBits = 14 };
        var first = IntentClassifier.Train(FixtureCorpus.Intents, options);
        var second = IntentClassifier.Train(FixtureCorpus.Intents, options);

        Assert.Equal(first.Classify("where is my refund"), second.Classify("where is my refund"));
    }

    [Fact]
    public void Train_LabelOutsideTheGivenSet_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            IntentClassifier.Train(FixtureCorpus.Intents, labels: [BotIntents.Greeting, BotIntents.OrderStatus]));

        Assert.Contains("refund_status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_NoExamples_Throws()
    {
        Assert.Throws<ArgumentException>(() => IntentClassifier.Train([]));
    }

    [Fact]
    public void Train_InvalidOptions_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => IntentClassifier.Train(FixtureCorpus.Intents, new TrainingOptions { Epochs = 0 }));

        Assert.Contains("Epochs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Classify_BlankText_Throws(string text)
    {
        Assert.Throws<ArgumentException>(() => FixtureModel.Intents.Classify(text));
    }
}
