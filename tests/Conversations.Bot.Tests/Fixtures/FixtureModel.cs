using Conversations.Bot.Intents;
using Conversations.Bot.Sentiment;

namespace Conversations.Bot.Tests.Fixtures;

/// <summary>Classifiers trained once on <see cref="FixtureCorpus"/> and shared by the unit tests.</summary>
internal static class FixtureModel
{
    private static readonly Lazy<IntentClassifier> LazyIntents = new(() => IntentClassifier.Train(FixtureCorpus.Intents));
    private static readonly Lazy<SentimentAnalyzer> LazySentiment = new(() => SentimentAnalyzer.Train(FixtureCorpus.Sentiments));

    public static IntentClassifier Intents => LazyIntents.Value;

    public static SentimentAnalyzer Sentiment => LazySentiment.Value;

    public static BotAnalyzer CreateAnalyzer(BotAnalyzerOptions? options = null) => new(Intents, Sentiment, options: options);
}
