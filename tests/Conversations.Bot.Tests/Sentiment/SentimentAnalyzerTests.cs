using Conversations.Bot.Sentiment;
using Conversations.Bot.Tests.Fixtures;

namespace Conversations.Bot.Tests.Sentiment;

public sealed class SentimentAnalyzerTests
{
    private readonly SentimentAnalyzer _sentiment = FixtureModel.Sentiment;

    [Theory]
    [InlineData("you are scammers, i want my money back!!!")]
    [InlineData("你们就是骗子，我要投诉到12315")]
    [InlineData("WHERE IS MY REFUND, THIS IS A JOKE")]
    [InlineData("what the f*** is wrong with you")]
    public void Analyze_AngryMessage_IsAngry(string text)
    {
        var result = _sentiment.Analyze(text);

        Assert.Equal(SentimentLabels.Angry, result.Sentiment);
        Assert.True(result.AngerScore >= _sentiment.AngerThreshold);
        Assert.True(result.Score < 0);
    }

    [Theory]
    [InlineData("thank you so much, great service")]
    [InlineData("非常满意，谢谢亲")]
    public void Analyze_HappyMessage_IsPositive(string text)
    {
        var result = _sentiment.Analyze(text);

        Assert.Equal(SentimentLabels.Positive, result.Sentiment);
        Assert.True(result.Score > 0);
        Assert.True(result.AngerScore < 0.2);
    }

    [Theory]
    [InlineData("what sizes are available")]
    [InlineData("这个有货吗")]
    public void Analyze_PlainQuestion_IsNeutral(string text)
    {
        Assert.Equal(SentimentLabels.Neutral, _sentiment.Analyze(text).Sentiment);
    }

    [Fact]
    public void Analyze_Disappointment_IsNegativeNotAngry()
    {
        Assert.Equal(SentimentLabels.Negative, _sentiment.Analyze("a bit disappointed, the colour is not what i expected").Sentiment);
    }

    [Fact]
    public void Analyze_ShoutingAndExclamations_RaiseAnger()
    {
        var calm = _sentiment.Analyze("where is my order");
        var shouted = _sentiment.Analyze("WHERE IS MY ORDER!!!");

        Assert.True(shouted.AngerScore > calm.AngerScore + 0.2);
    }

    [Fact]
    public void Analyze_AnyText_StaysInRange()
    {
        foreach (var text in new[] { "ok", "垃圾！！！", "great!!!", "???" })
        {
            var result = _sentiment.Analyze(text);
            Assert.InRange(result.Score, -1.0, 1.0);
            Assert.InRange(result.AngerScore, 0.0, 1.0);
            Assert.Contains(result.Sentiment, SentimentLabels.All);
        }
    }

    [Fact]
    public void Train_ThresholdOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SentimentAnalyzer.Train(FixtureCorpus.Sentiments, angerThreshold: 0));
    }
}
