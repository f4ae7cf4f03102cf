using Conversations.Bot.Entities;
using Conversations.Bot.Internal;
using Conversations.Bot.Text;
using Conversations.Bot.Training;

namespace Conversations.Bot.Sentiment;

/// <summary>
/// Four-way sentiment (positive, neutral, negative, angry) from a softmax model trained on the sentiment
/// examples, with lexical anger cues (abuse, 投诉/12315/lawyer threats, shouting, !!!) both as model
/// features and as a direct boost of the anger score, because missing an angry customer costs more
/// than a false alarm. Thread-safe.
/// </summary>
public sealed class SentimentAnalyzer
{
    private static readonly Action<string, string, FeatureBuffer, uint> AddCueFeatures =
        static (original, normalized, buffer, mask) => AngerCues.Detect(original, normalized).AppendFeatures(buffer, mask);

    private readonly TextClassifier _classifier;
    private readonly EntityExtractor _extractor;
    private readonly int _positive;
    private readonly int _neutral;
    private readonly int _negative;
    private readonly int _angry;

    private SentimentAnalyzer(TextClassifier classifier, EntityExtractor extractor, double angerThreshold)
    {
        _classifier = classifier;
        _extractor = extractor;
        AngerThreshold = angerThreshold;
        _positive = classifier.IndexOf(SentimentLabels.Positive);
        _neutral = classifier.IndexOf(SentimentLabels.Neutral);
        _negative = classifier.IndexOf(SentimentLabels.Negative);
        _angry = classifier.IndexOf(SentimentLabels.Angry);
    }

    /// <summary>Anger score at or above which a message is labelled angry.</summary>
    public double AngerThreshold { get; }

    /// <summary>Trains on examples labelled with <see cref="SentimentLabels"/>.</summary>
    public static SentimentAnalyzer Train(
        IEnumerable<LabeledText> examples,
        TrainingOptions? options = null,
        EntityExtractor? extractor = null,
        double angerThreshold = 0.45)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (!(angerThreshold > 0 && angerThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(angerThreshold), angerThreshold, "The anger threshold must be in (0, 1].");
        }

        var list = examples as IReadOnlyList<LabeledText> ?? examples.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one training example is required.", nameof(examples));
        }

        extractor ??= EntityExtractor.Default;
        var classifier = TextClassifier.Train(list, SentimentLabels.All, options ?? new TrainingOptions(), extractor, AddCueFeatures);
        return new SentimentAnalyzer(classifier, extractor, angerThreshold);
    }

    /// <summary>Analyses one message.</summary>
    public SentimentResult Analyze(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var normalized = TextNormalizer.Normalize(text);
        var buffer = FeatureBuffer.ForCurrentThread();
        TextAnalyzer.Featurize(normalized, _extractor.Extract(text, normalized), AnalyzerProfile.Classification, buffer, _classifier.Mask);
        buffer.Seal();
        return Analyze(text, normalized, buffer);
    }

    internal uint Mask => _classifier.Mask;

    /// <summary>Scores a message whose base features are already sealed in <paramref name="buffer"/>; appends the cues to it.</summary>
    internal SentimentResult Analyze(string original, string normalized, FeatureBuffer buffer)
    {
        var cues = AngerCues.Detect(original, normalized);
        cues.AppendFeatures(buffer, _classifier.Mask);
        Span<double> p = stackalloc double[4];
        _classifier.Model.Predict(buffer.Indices, buffer.Values, p);

        var modelAnger = p[_angry];
        var anger = 1 - ((1 - modelAnger) * (1 - cues.Boost));

        // Redistribute what the cues added to anger away from the other three, keeping their proportions.
        var rest = 1 - modelAnger;
        var scale = rest > 1e-9 ? (1 - anger) / rest : 0;
        var positive = p[_positive] * scale;
        var neutral = p[_neutral] * scale;
        var negative = p[_negative] * scale;

        string label;
        if (anger >= AngerThreshold)
        {
            label = SentimentLabels.Angry;
        }
        else if (positive >= neutral && positive >= negative)
        {
            label = SentimentLabels.Positive;
        }
        else
        {
            label = negative > neutral ? SentimentLabels.Negative : SentimentLabels.Neutral;
        }

        var score = Math.Clamp(positive - (0.5 * negative) - anger, -1, 1);
        return new SentimentResult(label, score, anger);
    }
}
