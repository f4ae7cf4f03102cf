using Conversations.Bot.Entities;

namespace Conversations.Bot.Text;

/// <summary>
/// Tells Chinese from English by script. A Chinese character carries about as much as two thirds of an
/// English word, so Latin words are weighted 1.5 against CJK characters when scripts mix.
/// </summary>
public static class LanguageDetector
{
    private const double LatinWordWeight = 1.5;

    /// <summary>Detects the language of raw text; <paramref name="fallback"/> answers when there is no letter at all.</summary>
    public static LanguageDetection Detect(string text, string fallback = BotLanguages.Chinese)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextNormalizer.Normalize(text);
        return Detect(normalized, EntityExtractor.Default.Extract(text, normalized), fallback);
    }

    /// <summary>Detects on normalised text, skipping entity spans (order numbers are not English words).</summary>
    internal static LanguageDetection Detect(string normalized, IReadOnlyList<ExtractedEntity> entities, string fallback)
    {
        int cjk = 0, words = 0, entity = 0;
        var nextEntityStart = entities.Count > 0 ? entities[0].Start : int.MaxValue;
        var i = 0;
        while (i < normalized.Length)
        {
            if (i == nextEntityStart)
            {
                i = entities[entity].End;
                entity++;
                nextEntityStart = entity < entities.Count ? entities[entity].Start : int.MaxValue;
                continue;
            }

            var c = normalized[i];
            if (TextNormalizer.IsCjk(c))
            {
                cjk++;
                i++;
            }
            else if (char.IsAsciiLetter(c))
            {
                var letters = 0;
                while (i < normalized.Length && i != nextEntityStart && (char.IsAsciiLetter(normalized[i]) || normalized[i] == '\''))
                {
                    letters++;
                    i++;
                }

                // A lone letter is usually a size or an initial, not English.
                if (letters >= 2)
                {
                    words++;
                }
            }
            else
            {
                i++;
            }
        }

        if (cjk == 0 && words == 0)
        {
            return new LanguageDetection(fallback, false, 0, 0);
        }

        var language = cjk >= words * LatinWordWeight ? BotLanguages.Chinese : BotLanguages.English;
        return new LanguageDetection(language, cjk > 0 && words > 0, cjk, words);
    }
}
