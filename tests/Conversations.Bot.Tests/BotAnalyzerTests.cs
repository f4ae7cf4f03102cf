using Conversations.Bot.Entities;
using Conversations.Bot.Tests.Fixtures;

namespace Conversations.Bot.Tests;

public sealed class BotAnalyzerTests
{
    private readonly BotAnalyzer _analyzer = FixtureModel.CreateAnalyzer();

    [Fact]
    public void Analyze_WithOrderNumber_ExtractsItAndClassifies()
    {
        const string text = "where is my order 2026111100001234";

        var analysis = _analyzer.Analyze(text);

        Assert.Equal(BotIntents.OrderStatus, analysis.Intent);
        var entity = Assert.Single(analysis.Entities);
        Assert.Equal(EntityTypes.OrderId, entity.Type);
        Assert.Equal("2026111100001234", text[entity.Start..entity.End]);
        Assert.Equal("en", analysis.Language);
    }

    [Fact]
    public void Analyze_Alternatives_AreTheRunnersUpInOrder()
    {
        var analysis = _analyzer.Analyze("退款什么时候到");

        Assert.Equal(3, analysis.Alternatives.Count);
        Assert.DoesNotContain(analysis.Alternatives, a => a.Intent == analysis.Intent);
        Assert.All(analysis.Alternatives, a => Assert.True(a.Confidence <= analysis.Confidence));
        Assert.Equal(analysis.Alternatives.OrderByDescending(a => a.Confidence), analysis.Alternatives);
        Assert.InRange(analysis.Confidence + analysis.Alternatives.Sum(a => a.Confidence), 0.0, 1.0 + 1e-9);
    }

    [Fact]
    public void Analyze_LanguageHint_IsReportedAsGiven()
    {
        Assert.Equal("zh", _analyzer.Analyze("hello", "zh").Language);
    }

    [Fact]
    public void Analyze_MixedText_SaysSo()
    {
        var analysis = _analyzer.Analyze("我的order到哪了");

        Assert.Equal("zh", analysis.Language);
        Assert.True(analysis.IsMixedLanguage);
    }

    [Fact]
    public void Analyze_ConfidenceBelowThreshold_NeedsClarification()
    {
        var strict = FixtureModel.CreateAnalyzer(new BotAnalyzerOptions { ClarificationThreshold = 1.0 });
        var lenient = FixtureModel.CreateAnalyzer(new BotAnalyzerOptions { ClarificationThreshold = 0, ClarificationMargin = 0 });

        Assert.True(strict.Analyze("where is my order").NeedsClarification);
        Assert.False(lenient.Analyze("where is my order").NeedsClarification);
    }

    [Fact]
    public void Analyze_TwoIntentsTooClose_NeedsClarification()
    {
        var analyzer = FixtureModel.CreateAnalyzer(new BotAnalyzerOptions { ClarificationThreshold = 0, ClarificationMargin = 1.0 });

        Assert.True(analyzer.Analyze("where is my order").NeedsClarification);
    }

    [Fact]
    public void Analyze_AngryText_ReportsAngerAndNegativeScore()
    {
        var analysis = _analyzer.Analyze("你们就是骗子！！！我要投诉");

        Assert.Equal(SentimentLabels.Angry, analysis.Sentiment);
        Assert.True(analysis.SentimentScore < 0);
        Assert.InRange(analysis.AngerScore, 0.45, 1.0);
    }

    [Fact]
    public void Analyze_NullText_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => _analyzer.Analyze(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n ")]
    public void Analyze_BlankText_ThrowsSayingSo(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => _analyzer.Analyze(text));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_TextOverTheLimit_ThrowsNamingTheLimit()
    {
        var error = Assert.Throws<ArgumentException>(() => _analyzer.Analyze(new string('a', 4001)));

        Assert.Contains("4000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_TextAtTheLimit_IsAccepted()
    {
        Assert.NotNull(_analyzer.Analyze(string.Concat(Enumerable.Repeat("退款 ", 1000))));
    }

    [Fact]
    public void Analyze_UnsupportedLanguageHint_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => _analyzer.Analyze("hello", "fr"));

        Assert.Contains("'fr'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => FixtureModel.CreateAnalyzer(new BotAnalyzerOptions { ClarificationThreshold = 1.5 }));

        Assert.Contains("ClarificationThreshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_FromManyThreadsAtOnce_GivesTheSameResultsAsOneThread()
    {
        string[] texts = ["where is my order", "退款什么时候到", "cancel my order 2026111100001234", "你好", "WHERE IS MY REFUND!!!"];
        var expected = texts.Select(t => _analyzer.Analyze(t)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            var all = new List<BotAnalysis>();
            for (var round = 0; round < 50; round++)
            {
                all.AddRange(texts.Select(t => _analyzer.Analyze(t)));
            }

            return all;
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var run in results)
        {
            for (var i = 0; i < run.Count; i++)
            {
                var want = expected[i % texts.Length];
                Assert.Equal((want.Intent, want.Confidence, want.Sentiment, want.AngerScore), (run[i].Intent, run[i].Confidence, run[i].Sentiment, run[i].AngerScore));
                Assert.Equal(want.Entities, run[i].Entities);
            }
        }
    }
}
