using Conversations.Bot.Entities;
using Conversations.Bot.Text;
using Conversations.Bot.Training;

namespace Conversations.Bot.Internal;

/// <summary>Labels, hashed features and a calibrated softmax model: the part intent and sentiment share.</summary>
internal sealed class TextClassifier
{
    private readonly Dictionary<string, int> _labelIndex;

    private TextClassifier(string[] labels, SoftmaxClassifier model)
    {
        Labels = labels;
        Model = model;
        Mask = (uint)((1 << model.FeatureBits) - 1);
        _labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
        {
            _labelIndex[labels[i]] = i;
        }
    }

    public IReadOnlyList<string> Labels { get; }

    public SoftmaxClassifier Model { get; }

    public uint Mask { get; }

    public int IndexOf(string label) => _labelIndex.TryGetValue(label, out var index) ? index : -1;

    /// <summary>
    /// Trains on <paramref name="examples"/>: first without the calibration slice to fit the temperature
    /// on it, then on everything, keeping that temperature.
    /// </summary>
    public static TextClassifier Train(
        IReadOnlyList<LabeledText> examples,
        IReadOnlyList<string> labels,
        TrainingOptions options,
        EntityExtractor extractor,
        Action<string, string, FeatureBuffer, uint>? addFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options.Validate();
        var labelArray = labels.ToArray();
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labelArray.Length; i++)
        {
            labelIndex[labelArray[i]] = i;
        }

        var mask = (uint)((1 << options.FeatureBits) - 1);
        var vectors = new List<SparseVector>(examples.Count);
        var targets = new List<int>(examples.Count);
        var isCalibration = new List<bool>(examples.Count);
        var buffer = new FeatureBuffer();
        foreach (var example in examples)
        {
            if (!labelIndex.TryGetValue(example.Label, out var target))
            {
                throw new ArgumentException($"Example \"{example.Text}\" has label '{example.Label}', which is not one of: {string.Join(", ", labelArray)}.", nameof(examples));
            }

            vectors.Add(Featurize(example.Text, extractor, buffer, mask, addFeatures));
            targets.Add(target);
            isCalibration.Add(HoldOutSplit.IsCalibration(example.Text, options.CalibrationFraction));
        }

        var calibrationCount = isCalibration.Count(static c => c);
        if (options.CalibrationFraction > 0 && calibrationCount >= 2 * labelArray.Length)
        {
            var fitVectors = new List<SparseVector>(vectors.Count);
            var fitTargets = new List<int>(vectors.Count);
            var heldVectors = new List<SparseVector>(calibrationCount);
            var heldTargets = new List<int>(calibrationCount);
            for (var i = 0; i < vectors.Count; i++)
            {
                (isCalibration[i] ? heldVectors : fitVectors).Add(vectors[i]);
                (isCalibration[i] ? heldTargets : fitTargets).Add(targets[i]);
            }

            var probe = SoftmaxClassifier.Train(fitVectors, fitTargets, labelArray.Length, options);
            probe.Calibrate(heldVectors, heldTargets);
            var model = SoftmaxClassifier.Train(vectors, targets, labelArray.Length, options);
            model.SetTemperature(probe.Temperature);
            return new TextClassifier(labelArray, model);
        }

        return new TextClassifier(labelArray, SoftmaxClassifier.Train(vectors, targets, labelArray.Length, options));
    }

    /// <summary>Features of one text, as training sees them (inference goes through the same steps).</summary>
    public static SparseVector Featurize(
        string text,
        EntityExtractor extractor,
        FeatureBuffer buffer,
        uint mask,
        Action<string, string, FeatureBuffer, uint>? addFeatures)
    {
        var normalized = TextNormalizer.Normalize(text);
        var entities = extractor.Extract(text, normalized);
        TextAnalyzer.Featurize(normalized, entities, AnalyzerProfile.Classification, buffer, mask);
        buffer.Seal();
        addFeatures?.Invoke(text, normalized, buffer, mask);
        return buffer.ToSparseVector();
    }
}
