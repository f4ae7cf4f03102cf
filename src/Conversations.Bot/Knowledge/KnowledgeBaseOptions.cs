namespace Conversations.Bot.Knowledge;

/// <summary>Ranking parameters of <see cref="KnowledgeBase"/>.</summary>
public sealed class KnowledgeBaseOptions
{
    /// <summary>BM25 term-frequency saturation.</summary>
    public double K1 { get; set; } = 1.2;

    /// <summary>BM25 length normalisation, 0 (none) to 1 (full).</summary>
    public double B { get; set; } = 0.75;

    /// <summary>
    /// Relative boost of entries whose intent matches the message's intent (1 = ×2). Strong on purpose:
    /// FAQ phrasings vary far more than their wording overlaps, and the intent classifier has seen
    /// hundreds of phrasings per intent where an entry lists a handful.
    /// </summary>
    public double IntentBoost { get; set; } = 1.0;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(K1 > 0 && K1 <= 10))
        {
            throw new ArgumentException($"KnowledgeBaseOptions.K1 must be in (0, 10]; was {K1}.");
        }

        if (!(B >= 0 && B <= 1))
        {
            throw new ArgumentException($"KnowledgeBaseOptions.B must be in [0, 1]; was {B}.");
        }

        if (!(IntentBoost >= 0 && IntentBoost <= 10))
        {
            throw new ArgumentException($"KnowledgeBaseOptions.IntentBoost must be in [0, 10]; was {IntentBoost}.");
        }
    }
}
