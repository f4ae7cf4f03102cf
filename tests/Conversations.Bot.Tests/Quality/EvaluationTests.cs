using Conversations.Bot.Quality;
using Conversations.Bot.Tests.Fixtures;

namespace Conversations.Bot.Tests.Quality;

[Collection(EmbeddedModelCollection.Name)]
public sealed class EvaluationTests(EmbeddedModelFixture fixture)
{
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

    [Fact]
    public void Evaluation_Metrics_AreConsistent()
    {
        foreach (var language in _evaluation.Languages)
        {
            Assert.Equal(language.Examples, language.ConfusionMatrix.Sum(row => row.Sum()));
            Assert.Equal(language.Examples, language.PerIntent.Sum(m => m.Support));
            Assert.InRange(language.MacroF1, 0.0, 1.0);
            Assert.InRange(language.ExpectedCalibrationError, 0.0, 1.0);
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
