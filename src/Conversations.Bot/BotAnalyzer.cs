using Conversations.Bot.Entities;
using Conversations.Bot.Intents;
using Conversations.Bot.Internal;
using Conversations.Bot.Sentiment;
using Conversations.Bot.Text;

namespace Conversations.Bot;

/// <summary>
/// The NLU facade: one call gives intent with calibrated alternatives, sentiment and anger, entities
/// with offsets and the language. Immutable after construction and safe to share across threads;
/// build it once with <see cref="BotModel.TrainFromEmbeddedData"/>.
/// </summary>
public sealed class BotAnalyzer
{
    private readonly double _clarificationThreshold;
    private readonly double _clarificationMargin;
    private readonly int _alternativeCount;
    private readonly string _defaultLanguage;

    /// <summary>Assembles an analyser from trained parts; <paramref name="extractor"/> should be the one they were trained with.</summary>
    public BotAnalyzer(
        IntentClassifier intents,
        SentimentAnalyzer sentiment,
        EntityExtractor? extractor = null,
        BotAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(intents);
        ArgumentNullException.ThrowIfNull(sentiment);
        options ??= new BotAnalyzerOptions();
        options.Validate();
        IntentClassifier = intents;
        SentimentAnalyzer = sentiment;
        EntityExtractor = extractor ?? EntityExtractor.Default;
        _clarificationThreshold = options.ClarificationThreshold;
        _clarificationMargin = options.ClarificationMargin;
        _alternativeCount = Math.Min(options.AlternativeCount, intents.Labels.Count - 1);
        _defaultLanguage = options.DefaultLanguage;
    }

    public IntentClassifier IntentClassifier { get; }

    public SentimentAnalyzer SentimentAnalyzer { get; }

    public EntityExtractor EntityExtractor { get; }

    /// <summary>
    /// Analyses one customer message. <paramref name="language"/> ("zh" or "en"), when the session already
    /// knows it, is reported instead of the detected language.
    /// </summary>
    /// <exception cref="ArgumentException">The text is null, blank or longer than 4000 characters, or the language is not zh/en.</exception>
    public BotAnalysis Analyze(string text, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("Text must not be empty or whitespace.", nameof(text));
        }

        if (text.Length > BotAnalyzerOptions.MaxTextLength)
        {
            throw new ArgumentException($"Text is {text.Length} characters long; the limit is {BotAnalyzerOptions.MaxTextLength}.", nameof(text));
        }

        if (language is not null && !BotLanguages.IsSupported(language))
        {
            throw new ArgumentException($"Language must be 'zh' or 'en' when given; was '{language}'.", nameof(language));
        }

        var normalized = TextNormalizer.Normalize(text);
        var entities = EntityExtractor.Extract(text, normalized);
        var detected = LanguageDetector.Detect(normalized, entities, language ?? _defaultLanguage);

        var features = FeatureBuffer.ForCurrentThread();
        TextAnalyzer.Featurize(normalized, entities, AnalyzerProfile.Classification, features, IntentClassifier.Mask);
        features.Seal();

        var labels = IntentClassifier.Labels;
        Span<double> probabilities = stackalloc double[labels.Count];
        IntentClassifier.Predict(features, probabilities);
        Span<int> ranking = stackalloc int[labels.Count];
        Rank(probabilities, ranking);

        var alternatives = new IntentScore[_alternativeCount];
        for (var i = 0; i < alternatives.Length; i++)
        {
            alternatives[i] = new IntentScore(labels[ranking[i + 1]], probabilities[ranking[i + 1]]);
        }

        if (SentimentAnalyzer.Mask != IntentClassifier.Mask)
        {
            TextAnalyzer.Featurize(normalized, entities, AnalyzerProfile.Classification, features, SentimentAnalyzer.Mask);
            features.Seal();
        }

        var sentiment = SentimentAnalyzer.Analyze(text, normalized, features);
        var confidence = probabilities[ranking[0]];
        var margin = confidence - (labels.Count > 1 ? probabilities[ranking[1]] : 0);

        return new BotAnalysis(
            labels[ranking[0]],
            confidence,
            Array.AsReadOnly(alternatives),
            sentiment.Sentiment,
            sentiment.Score,
            sentiment.AngerScore,
            entities,
            language ?? detected.Language,
            detected.IsMixed,
            confidence < _clarificationThreshold || margin < _clarificationMargin);
    }

    // Insertion sort: sixteen classes, no allocation, and ties keep model order so results are stable.
    private static void Rank(ReadOnlySpan<double> probabilities, Span<int> ranking)
    {
        for (var i = 0; i < ranking.Length; i++)
        {
            var j = i;
            while (j > 0 && probabilities[ranking[j - 1]] < probabilities[i])
            {
                ranking[j] = ranking[j - 1];
                j--;
            }

            ranking[j] = i;
        }
    }
}
