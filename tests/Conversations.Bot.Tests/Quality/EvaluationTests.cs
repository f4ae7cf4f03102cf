using Conversations.Bot.Quality;
using Conversations.Bot.Tests.Fixtures;
using Conversations.Bot.Training;

namespace Conversations.Bot.Tests.Quality;

[Collection(EmbeddedModelCollection.Name)]
public sealed class EvaluationTests(EmbeddedModelFixture fixture)
{
    // The same data and seed with the temperature left at 1: what calibration has to improve on.
    private static readonly Lazy<Evaluation> s_uncalibrated = new(() =>
        Evaluation.Run(TrainingCorpus.LoadEmbedded(), new BotAnalyzerOptions { Training = new TrainingOptions { CalibrationFraction = 0 } }));

    private readonly Evaluation _evaluation = Evaluation.Evaluate(fixture.Analyzer, fixture.Corpus);

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public void ShippedModel_OnHeldOutData_IsAtLeastNinetyPercentAccuratePerLanguage(string language)
    {
        var result = _evaluation[language];

        Assert.True(result.Examples >= 100, $"only {result.Examples} held-out {language} examples");
        Assert.True(result.Accuracy >= 0.9, $"{language} intent accuracy {result.Accuracy:P1} is below 90%");
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public void ShippedModel_OnHeldOutData_CatchesAtLeastNinetyPercentOfAngryMessagesPerLanguage(string language)
    {
        var anger = _evaluation[language].Anger;

        Assert.True(anger.AngryExamples >= 30, $"only {anger.AngryExamples} held-out angry {language} examples");
        Assert.True(anger.Recall >= 0.9, $"{language} anger recall {anger.Recall:P1} is below 90%");
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public void ShippedModel_CalibratedConfidences_MatchHeldOutAccuracyBetterThanUncalibratedOnes(string language)
    {
        var calibrated = _evaluation[language].ExpectedCalibrationError;
        var uncalibrated = s_uncalibrated.Value[language].ExpectedCalibrationError;

        Assert.True(calibrated < 0.05, $"{language} calibration error {calibrated:0.000} is 0.05 or more");
        Assert.True(calibrated < uncalibrated, $"{language} calibration error {calibrated:0.000} is no better than {uncalibrated:0.000} without calibration");
    }

    [Fact]
    public void Evaluation_HeadlineFigures_AddUpFromTheConfusionTableAndPerIntentRows()
    {
        foreach (var language in _evaluation.Languages)
        {
            Assert.Equal(language.Examples, language.ConfusionMatrix.Sum(row => row.Sum()));
            Assert.Equal(language.Examples, language.PerIntent.Sum(m => m.Support));
            // The headline figures are the ones the tables below them add up to.
            var diagonal = Enumerable.Range(0, language.Labels.Count).Sum(k => language.ConfusionMatrix[k][k]);
            Assert.Equal((double)diagonal / language.Examples, language.Accuracy, 9);
            foreach (var m in language.PerIntent.Where(m => m.Support > 0))
            {
                var k = language.Labels.ToList().IndexOf(m.Intent);
                Assert.Equal((double)language.ConfusionMatrix[k][k] / m.Support, m.Recall, 9);
                Assert.Equal(2 * m.Precision * m.Recall / (m.Precision + m.Recall), m.F1, 9);
            }

            Assert.Equal(language.PerIntent.Where(m => m.Support > 0).Average(m => m.F1), language.MacroF1, 9);
        }
    }

    [Fact]
    public void ToMarkdown_ContainsTheHeadlineNumbers()
    {
        var markdown = _evaluation.ToMarkdown();

        Assert.StartsWith("# Bot NLU quality", markdown, StringComparison.Ordinal);
        Assert.Contains("| zh |", markdown, StringComparison.Ordinal);
        Assert.Contains("| en |", markdown, StringComparison.Ordinal);
        Assert.Contains("anger recall", markdown, StringComparison.Ordinal);
        Assert.Contains("Confusion table, zh", markdown, StringComparison.Ordinal);
    }
}
