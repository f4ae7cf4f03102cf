using Conversations.Bot.Tests.Fixtures;
using Conversations.Bot.Text;
using Conversations.Bot.Training;

namespace Conversations.Bot.Tests.Training;

[Collection(EmbeddedModelCollection.Name)]
public sealed class TrainingCorpusTests(EmbeddedModelFixture fixture)
{
    [Fact]
    public void ParseLines_SkipsCommentsAndBlankLinesAndTrims()
    {
        var lines = TrainingCorpus.ParseLines("# intent: greeting\n\nhello \r\n  # indented comment\n你好\n");

        Assert.Equal(["hello", "你好"], lines);
    }

    [Fact]
    public void LoadEmbedded_HasEveryIntentAndSentimentInBothLanguages()
    {
        foreach (var language in BotLanguages.All)
        {
            var intents = fixture.Corpus.Intents.Where(e => e.Language == language).Select(e => e.Label).ToHashSet();
            var sentiments = fixture.Corpus.Sentiments.Where(e => e.Language == language).Select(e => e.Label).ToHashSet();

            Assert.Equal(BotIntents.All.Order(), intents.Order());
            Assert.Equal(SentimentLabels.All.Order(), sentiments.Order());
        }
    }

    [Fact]
    public void ShippedData_HasAtLeast150DistinctExamplesPerIntentPerLanguage()
    {
        // Distinct as a reader would count them: lines differing only in case, width, punctuation or spaces are one example.
        var counts = BotLanguages.All.SelectMany(language => BotIntents.All.Select(intent => (language, intent,
            Distinct: fixture.Corpus.Intents.Where(e => e.Language == language && e.Label == intent).Select(e => TextNormalizer.Fold(e.Text)).Distinct(StringComparer.Ordinal).Count())));

        var thin = counts.Where(c => c.Distinct < 150).Select(c => $"{c.language}/{c.intent}: {c.Distinct}").ToList();

        Assert.True(thin.Count == 0, "fewer than 150 distinct examples: " + string.Join(", ", thin));
    }

    [Fact]
    public void Constructor_SplitsIntoTrainingAndHeldOut()
    {
        var corpus = new TrainingCorpus(FixtureCorpus.Intents, FixtureCorpus.Sentiments);

        Assert.Equal(corpus.Intents.Count, corpus.TrainingIntents.Count + corpus.HeldOutIntents.Count);
        Assert.All(corpus.HeldOutIntents, e => Assert.True(HoldOutSplit.IsHeldOut(e)));
        Assert.All(corpus.TrainingIntents, e => Assert.False(HoldOutSplit.IsHeldOut(e)));
    }

    [Fact]
    public void LoadFromDirectory_UnknownLabelFile_ThrowsNamingTheFile()
    {
        var root = Directory.CreateTempSubdirectory("bot-data-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "intents", "en"));
            File.WriteAllText(Path.Combine(root.FullName, "intents", "en", "weather.txt"), "is it raining\n");

            var error = Assert.Throws<InvalidDataException>(() => TrainingCorpus.LoadFromDirectory(root.FullName));

            Assert.Contains("intents/en/weather.txt", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
