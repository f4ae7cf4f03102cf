namespace Conversations.Bot.Training;

/// <summary>Hyper-parameters of the classifiers trained at start-up; the defaults are what the evaluation measured.</summary>
public sealed class TrainingOptions
{
    /// <summary>Size of the hashed feature space as a power of two (memory is 4 bytes × classes × 2^bits).</summary>
    public int FeatureBits { get; set; } = 18;

    public int Epochs { get; set; } = 6;

    public double LearningRate { get; set; } = 0.5;

    public double L2 { get; set; } = 1e-5;

    /// <summary>Seed of the example shuffle; the same data and seed give the same model.</summary>
    public int Seed { get; set; } = 20261111;

    /// <summary>Share of the training examples set aside to fit the temperature (0 disables calibration).</summary>
    public double CalibrationFraction { get; set; } = 0.1;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (FeatureBits is < 10 or > 24)
        {
            throw new ArgumentException($"TrainingOptions.FeatureBits must be between 10 and 24; was {FeatureBits}.");
        }

        if (Epochs is < 1 or > 100)
        {
            throw new ArgumentException($"TrainingOptions.Epochs must be between 1 and 100; was {Epochs}.");
        }

        if (!(LearningRate > 0 && LearningRate <= 10))
        {
            throw new ArgumentException($"TrainingOptions.LearningRate must be in (0, 10]; was {LearningRate}.");
        }

        if (!(L2 >= 0 && L2 < 1))
        {
            throw new ArgumentException($"TrainingOptions.L2 must be in [0, 1); was {L2}.");
        }

        if (!(CalibrationFraction >= 0 && CalibrationFraction <= 0.5))
        {
            throw new ArgumentException($"TrainingOptions.CalibrationFraction must be in [0, 0.5]; was {CalibrationFraction}.");
        }
    }
}
