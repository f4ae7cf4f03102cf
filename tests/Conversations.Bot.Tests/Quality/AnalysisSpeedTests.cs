using System.Globalization;
using Conversations.Bot.Quality;
using Conversations.Bot.Tests.Fixtures;
using Conversations.Bot.Training;

namespace Conversations.Bot.Tests.Quality;

/// <summary>What the speed figures are measured over (no assertion on the times themselves: they are the machine's).</summary>
public sealed class AnalysisSpeedTests
{
    private static readonly TrainingCorpus s_corpus = new(FixtureCorpus.Intents, FixtureCorpus.Sentiments);

    [Fact]
    public void TrainAndMeasure_TimesEveryHeldOutMessageInEachPass()
    {
        var heldOut = s_corpus.HeldOutIntents.Concat(s_corpus.HeldOutSentiments).Select(e => e.Text.Length).ToList();

        var (analyzer, speed) = AnalysisSpeed.TrainAndMeasure(s_corpus, warmUp: TimeSpan.Zero);

        Assert.Equal(heldOut.Count, speed.Messages);
        Assert.Equal(heldOut.Count * AnalysisSpeed.TimedPasses, speed.TimedCalls);
        Assert.Equal((heldOut.Min(), heldOut.Max()), (speed.ShortestMessage, speed.LongestMessage));
        Assert.True(speed.P50Microseconds > 0 && speed.P50Microseconds <= speed.P99Microseconds && speed.P99Microseconds <= speed.MaxMicroseconds);
        Assert.True(speed.TrainingTime > TimeSpan.Zero);
        Assert.True(speed.ModelBytes > 0);
        Assert.Equal(BotIntents.OrderStatus, analyzer.Analyze("where is my order").Intent);
    }

    [Fact]
    public void ToMarkdown_WithTheSpeedOfTheSameRun_QuotesItsPercentilesAndMachine()
    {
        var (analyzer, speed) = AnalysisSpeed.TrainAndMeasure(s_corpus, warmUp: TimeSpan.Zero);

        var markdown = Evaluation.Evaluate(analyzer, s_corpus).ToMarkdown(speed, "the test machine");

        Assert.Contains("on the test machine", markdown, StringComparison.Ordinal);
        Assert.Contains(Evaluation.Command, markdown, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| {speed.P50Microseconds:0.0} µs / {speed.P99Microseconds:0.0} µs |"), markdown, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"over the {speed.Messages:N0} held-out messages"), markdown, StringComparison.Ordinal);
    }
}
