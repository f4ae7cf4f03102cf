using Conversations.Bot.Internal;
using Conversations.Bot.Text;

namespace Conversations.Bot.Training;

/// <summary>
/// The deterministic train / held-out split: an example is held out when a stable hash of its
/// <see cref="TextNormalizer.Fold"/>ed text falls in the lowest 20%, so the same sentence, whatever its case,
/// width, punctuation or spacing, always lands on the same side (near-duplicates cannot leak across) and the
/// split never changes between runs or machines.
/// </summary>
public static class HoldOutSplit
{
    /// <summary>Share of examples held out for evaluation.</summary>
    public const double HeldOutFraction = 0.2;

    private const uint HeldOutSalt = 0x5EED_2026;
    private const uint CalibrationSalt = 0xCA11_B8A7;

    /// <summary>True when <paramref name="example"/> belongs to the evaluation set and must never be trained on.</summary>
    public static bool IsHeldOut(LabeledText example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return Bucket(example.Text, HeldOutSalt) < HeldOutFraction;
    }

    /// <summary>True when a training example is set aside to fit the classifier's temperature.</summary>
    internal static bool IsCalibration(string text, double fraction) => Bucket(text, CalibrationSalt) < fraction;

    private static double Bucket(string text, uint salt)
    {
        var key = TextNormalizer.Fold(text);
        return (FeatureHash.Stable(key, salt) % 10_000) / 10_000.0;
    }
}
