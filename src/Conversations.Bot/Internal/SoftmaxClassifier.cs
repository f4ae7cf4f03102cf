using Conversations.Bot.Training;

namespace Conversations.Bot.Internal;

/// <summary>
/// Multinomial logistic regression over hashed sparse features, trained with AdaGrad and L2,
/// with a temperature fitted afterwards so its probabilities mean what they say.
/// </summary>
internal sealed class SoftmaxClassifier
{
    private const float SkipGradient = 1e-3f;

    // Feature-major layout: one feature's weights for every class sit side by side.
    private readonly float[] _weights;
    private readonly float[] _bias;

    private SoftmaxClassifier(int classCount, int featureBits)
    {
        ClassCount = classCount;
        FeatureBits = featureBits;
        _weights = new float[(1 << featureBits) * classCount];
        _bias = new float[classCount];
    }

    public int ClassCount { get; }

    public int FeatureBits { get; }

    public double Temperature { get; private set; } = 1.0;

    public static SoftmaxClassifier Train(
        IReadOnlyList<SparseVector> features,
        IReadOnlyList<int> labels,
        int classCount,
        TrainingOptions options)
    {
        var model = new SoftmaxClassifier(classCount, options.FeatureBits);
        var accumulated = new float[model._weights.Length];
        var biasAccumulated = new float[classCount];
        var order = new int[features.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var random = new Random(options.Seed);
        var logits = new double[classCount];
        var gradient = new float[classCount];
        var learningRate = (float)options.LearningRate;
        var l2 = (float)options.L2;
        const float epsilon = 1e-6f;

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            // Hand-rolled Fisher–Yates on the seeded generator so the order never depends on a library version.
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            foreach (var example in order)
            {
                var x = features[example];
                model.Logits(x.Indices, x.Values, logits);
                Softmax(logits, 1.0);
                for (var k = 0; k < classCount; k++)
                {
                    gradient[k] = (float)logits[k] - (k == labels[example] ? 1f : 0f);
                }

                var indices = x.Indices;
                var values = x.Values;
                for (var n = 0; n < indices.Length; n++)
                {
                    var row = indices[n] * classCount;
                    var value = values[n];
                    for (var k = 0; k < classCount; k++)
                    {
                        // Once an example is learnt most classes get next to no gradient; skipping them
                        // (their L2 step included) cuts training time several-fold and changes nothing measurable.
                        if (MathF.Abs(gradient[k]) < SkipGradient)
                        {
                            continue;
                        }

                        var at = row + k;
                        var g = (gradient[k] * value) + (l2 * model._weights[at]);
                        accumulated[at] += g * g;
                        model._weights[at] -= learningRate * g / (MathF.Sqrt(accumulated[at]) + epsilon);
                    }
                }

                for (var k = 0; k < classCount; k++)
                {
                    var g = gradient[k];
                    biasAccumulated[k] += g * g;
                    model._bias[k] -= learningRate * g / (MathF.Sqrt(biasAccumulated[k]) + epsilon);
                }
            }
        }

        return model;
    }

    /// <summary>Fits the temperature that minimises the negative log-likelihood of held-aside examples.</summary>
    public void Calibrate(IReadOnlyList<SparseVector> features, IReadOnlyList<int> labels)
    {
        if (features.Count == 0)
        {
            return;
        }

        var allLogits = new double[features.Count][];
        for (var i = 0; i < features.Count; i++)
        {
            allLogits[i] = new double[ClassCount];
            Logits(features[i].Indices, features[i].Values, allLogits[i]);
        }

        // Golden-section search on log T: the NLL is unimodal in T for fixed logits.
        double low = Math.Log(0.05), high = Math.Log(20.0);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = high - (ratio * (high - low));
        var b = low + (ratio * (high - low));
        var fa = NegativeLogLikelihood(allLogits, labels, Math.Exp(a));
        var fb = NegativeLogLikelihood(allLogits, labels, Math.Exp(b));
        for (var iteration = 0; iteration < 60; iteration++)
        {
            if (fa < fb)
            {
                high = b;
                b = a;
                fb = fa;
                a = high - (ratio * (high - low));
                fa = NegativeLogLikelihood(allLogits, labels, Math.Exp(a));
            }
            else
            {
                low = a;
                a = b;
                fa = fb;
                b = low + (ratio * (high - low));
                fb = NegativeLogLikelihood(allLogits, labels, Math.Exp(b));
            }
        }

        Temperature = Math.Exp((low + high) / 2);
    }

    public void SetTemperature(double temperature) => Temperature = temperature;

    /// <summary>Writes calibrated class probabilities for one sparse vector.</summary>
    public void Predict(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, Span<double> probabilities)
    {
        Logits(indices, values, probabilities);
        Softmax(probabilities, Temperature);
    }

    public void Logits(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, Span<double> logits)
    {
        var classCount = ClassCount;
        for (var k = 0; k < classCount; k++)
        {
            logits[k] = _bias[k];
        }

        var weights = _weights.AsSpan();
        for (var n = 0; n < indices.Length; n++)
        {
            var row = weights.Slice(indices[n] * classCount, classCount);
            var value = values[n];
            for (var k = 0; k < classCount; k++)
            {
                logits[k] += row[k] * value;
            }
        }
    }

    public static void Softmax(Span<double> logits, double temperature)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits)
        {
            max = Math.Max(max, z);
        }

        var sum = 0.0;
        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] = Math.Exp((logits[k] - max) / temperature);
            sum += logits[k];
        }

        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] /= sum;
        }
    }

    private static double NegativeLogLikelihood(double[][] allLogits, IReadOnlyList<int> labels, double temperature)
    {
        var total = 0.0;
        for (var i = 0; i < allLogits.Length; i++)
        {
            var logits = allLogits[i];
            var max = double.NegativeInfinity;
            foreach (var z in logits)
            {
                max = Math.Max(max, z);
            }

            var sum = 0.0;
            foreach (var z in logits)
            {
                sum += Math.Exp((z - max) / temperature);
            }

            total -= ((logits[labels[i]] - max) / temperature) - Math.Log(sum);
        }

        return total / allLogits.Length;
    }
}
