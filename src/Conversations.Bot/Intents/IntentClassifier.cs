using Conversations.Bot.Entities;
using Conversations.Bot.Internal;
using Conversations.Bot.Text;
using Conversations.Bot.Training;

namespace Conversations.Bot.Intents;

/// <summary>
/// Softmax intent classifier over hashed Chinese and English features, trained at start-up with a
/// fixed seed; its confidences are temperature-calibrated probabilities that sum to one. Thread-safe.
/// </summary>
public sealed class IntentClassifier
{
    private readonly TextClassifier _classifier;
    private readonly EntityExtractor _extractor;

    private IntentClassifier(TextClassifier classifier, EntityExtractor extractor)
    {
        _classifier = classifier;
        _extractor = extractor;
    }

    /// <summary>The intents this classifier can return, in model order.</summary>
    public IReadOnlyList<string> Labels => _classifier.Labels;

    /// <summary>The fitted temperature (1 when there was too little data to calibrate).</summary>
    public double Temperature => _classifier.Model.Temperature;

    /// <summary>
    /// Trains on <paramref name="examples"/>. <paramref name="labels"/> fixes the label set (every example's label
    /// must be in it); by default it is the distinct labels of the examples in ordinal order.
    /// </summary>
    public static IntentClassifier Train(
        IEnumerable<LabeledText> examples,
        TrainingOptions? options = null,
        EntityExtractor? extractor = null,
        IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var list = examples as IReadOnlyList<LabeledText> ?? examples.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one training example is required.", nameof(examples));
        }

        labels ??= list.Select(static e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Count < 2)
        {
            throw new ArgumentException("An intent classifier needs at least two labels.", nameof(labels));
        }

        extractor ??= EntityExtractor.Default;
        return new IntentClassifier(TextClassifier.Train(list, labels, options ?? new TrainingOptions(), extractor), extractor);
    }

    /// <summary>Returns every label with its probability, most likely first.</summary>
    public IReadOnlyList<IntentScore> Classify(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var normalized = TextNormalizer.Normalize(text);
        var buffer = FeatureBuffer.ForCurrentThread();
        TextAnalyzer.Featurize(normalized, _extractor.Extract(text, normalized), AnalyzerProfile.Classification, buffer, _classifier.Mask);
        buffer.Seal();
        Span<double> probabilities = stackalloc double[Labels.Count];
        Predict(buffer, probabilities);
        var scores = new IntentScore[probabilities.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = new IntentScore(Labels[i], probabilities[i]);
        }

        Array.Sort(scores, static (a, b) => b.Confidence.CompareTo(a.Confidence));
        return scores;
    }

    internal uint Mask => _classifier.Mask;

    internal void Predict(FeatureBuffer features, Span<double> probabilities) =>
        _classifier.Model.Predict(features.Indices, features.Values, probabilities);
}
