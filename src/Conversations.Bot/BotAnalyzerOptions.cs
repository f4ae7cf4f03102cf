using Conversations.Bot.Entities;
using Conversations.Bot.Training;

namespace Conversations.Bot;

/// <summary>Settings of the NLU engine (configuration section <c>Conversations:Bot</c> if bound).</summary>
public sealed class BotAnalyzerOptions
{
    /// <summary>The longest message accepted, as PROTOCOL.md limits customer text.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Below this confidence the bot asks or hands off instead of acting (DOMAIN.md: 70%).</summary>
    public double ClarificationThreshold { get; set; } = 0.7;

    /// <summary>When the two most likely intents are closer than this, the bot asks which one is meant.</summary>
    public double ClarificationMargin { get; set; } = 0.2;

    /// <summary>How many runner-up intents an analysis lists.</summary>
    public int AlternativeCount { get; set; } = 3;

    /// <summary>
    /// Anger score at or above which the sentiment is <c>angry</c>. Set below one half on purpose: a missed
    /// angry customer (no priority handoff) costs more than an agent seeing a merely unhappy one early.
    /// </summary>
    public double AngerThreshold { get; set; } = 0.45;

    /// <summary>Language reported for text with no letters at all (e.g. only digits or emoji).</summary>
    public string DefaultLanguage { get; set; } = BotLanguages.Chinese;

    public EntityExtractorOptions Entities { get; set; } = new();

    public TrainingOptions Training { get; set; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(ClarificationThreshold >= 0 && ClarificationThreshold <= 1))
        {
            throw new ArgumentException($"BotAnalyzerOptions.ClarificationThreshold must be in [0, 1]; was {ClarificationThreshold}.");
        }

        if (!(ClarificationMargin >= 0 && ClarificationMargin <= 1))
        {
            throw new ArgumentException($"BotAnalyzerOptions.ClarificationMargin must be in [0, 1]; was {ClarificationMargin}.");
        }

        if (AlternativeCount is < 0 or > 15)
        {
            throw new ArgumentException($"BotAnalyzerOptions.AlternativeCount must be between 0 and 15; was {AlternativeCount}.");
        }

        if (!(AngerThreshold > 0 && AngerThreshold <= 1))
        {
            throw new ArgumentException($"BotAnalyzerOptions.AngerThreshold must be in (0, 1]; was {AngerThreshold}.");
        }

        if (!BotLanguages.IsSupported(DefaultLanguage))
        {
            throw new ArgumentException($"BotAnalyzerOptions.DefaultLanguage must be 'zh' or 'en'; was '{DefaultLanguage}'.");
        }

        if (Entities is null || Training is null)
        {
            throw new ArgumentException("BotAnalyzerOptions.Entities and BotAnalyzerOptions.Training must not be null.");
        }

        Entities.Validate();
        Training.Validate();
    }
}
