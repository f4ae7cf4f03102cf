using Conversations.Bot.Entities;
using Conversations.Bot.Internal;

namespace Conversations.Bot.Text;

/// <summary>
/// Turns a message into tokens: order, tracking and phone numbers and amounts become placeholders;
/// runs of Chinese characters give character n-grams; words give themselves, word bigrams and
/// character n-grams (so a typo still shares most of its features). Mixed text gets both. Thread-safe.
/// </summary>
public sealed class TextAnalyzer
{
    private const int MaxWordLength = 48;

    private readonly EntityExtractor _extractor;

    /// <summary>Creates an analyser that recognises entities with <paramref name="extractor"/>.</summary>
    public TextAnalyzer(EntityExtractor? extractor = null)
    {
        _extractor = extractor ?? EntityExtractor.Default;
    }

    /// <summary>The analyser with the default entity formats.</summary>
    public static TextAnalyzer Default { get; } = new();

    internal EntityExtractor Extractor => _extractor;

    /// <summary>Returns the classification tokens of <paramref name="text"/> as readable strings (diagnostics and tests).</summary>
    public IReadOnlyList<string> Tokenize(string text) => Tokenize(text, AnalyzerProfile.Classification);

    /// <summary>Returns the retrieval tokens of <paramref name="text"/>, as the knowledge base indexes them.</summary>
    public IReadOnlyList<string> TokenizeForSearch(string text) => Tokenize(text, AnalyzerProfile.Retrieval);

    internal IReadOnlyList<string> Tokenize(string text, AnalyzerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextNormalizer.Normalize(text);
        var tokens = new List<string>();
        var sink = new StringSink(tokens, profile);
        Analyze(normalized, _extractor.Extract(text, normalized), profile, ref sink);
        return tokens;
    }

    /// <summary>Hashes the tokens of already normalised text into <paramref name="buffer"/>, which is cleared first.</summary>
    internal static void Featurize(
        string normalized,
        IReadOnlyList<ExtractedEntity> entities,
        AnalyzerProfile profile,
        FeatureBuffer buffer,
        uint mask)
    {
        buffer.Clear();
        var sink = new HashingSink(buffer, profile, mask);
        Analyze(normalized, entities, profile, ref sink);
    }

    internal static void Analyze<TSink>(string text, IReadOnlyList<ExtractedEntity> entities, AnalyzerProfile profile, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        Span<char> wordA = stackalloc char[MaxWordLength];
        Span<char> wordB = stackalloc char[MaxWordLength];
        Span<char> padded = stackalloc char[MaxWordLength + 2];
        scoped ReadOnlySpan<char> previous = default;
        var hasPrevious = false;
        var useA = true;
        var entity = 0;
        var nextEntityStart = entities.Count > 0 ? entities[0].Start : int.MaxValue;
        var i = 0;

        while (i < text.Length)
        {
            if (i == nextEntityStart)
            {
                var current = entities[entity];
                entity++;
                nextEntityStart = entity < entities.Count ? entities[entity].Start : int.MaxValue;
                var placeholder = PlaceholderOf(current.Type);
                sink.Add(TokenKind.Entity, placeholder);
                if (Replaces(current.Type))
                {
                    // The number itself says nothing about intent; where it sits in the sentence does.
                    if (hasPrevious)
                    {
                        sink.AddPair(TokenKind.WordBigram, previous, placeholder);
                    }

                    previous = placeholder;
                    hasPrevious = true;
                    i = current.End;
                }

                continue;
            }

            var c = text[i];
            if (TextNormalizer.IsCjk(c))
            {
                var end = i + 1;
                while (end < text.Length && end != nextEntityStart && TextNormalizer.IsCjk(text[end]))
                {
                    end++;
                }

                AddCjkGrams(text.AsSpan(i, end - i), ref sink);
                hasPrevious = false;
                i = end;
            }
            else if (TextNormalizer.IsWordChar(c))
            {
                var word = useA ? wordA : wordB;
                useA = !useA;
                var length = 0;
                var hasLetter = false;
                var end = i;
                while (end < text.Length && end != nextEntityStart)
                {
                    var w = text[end];
                    if (TextNormalizer.IsWordChar(w))
                    {
                        if (length < MaxWordLength)
                        {
                            word[length++] = w;
                        }

                        hasLetter |= !char.IsAsciiDigit(w);
                        end++;
                    }
                    else if (w == '\'' && end + 1 < text.Length && end + 1 != nextEntityStart && TextNormalizer.IsWordChar(text[end + 1]))
                    {
                        // "don't" and "dont" are the same word to a customer in a hurry.
                        end++;
                    }
                    else
                    {
                        break;
                    }
                }

                ReadOnlySpan<char> token = word[..length];
                // Long numbers are ids whose digits mean nothing; short ones ("7 days", "12315") are words.
                if (!hasLetter && length >= 6)
                {
                    token = "<num>";
                }

                sink.Add(TokenKind.Word, token);
                if (hasPrevious)
                {
                    sink.AddPair(TokenKind.WordBigram, previous, token);
                }

                if (hasLetter && profile.WeightOf(TokenKind.CharGram) > 0f)
                {
                    AddCharGrams(token, padded, profile, ref sink);
                }

                previous = token;
                hasPrevious = true;
                i = end;
            }
            else
            {
                if (c is '?' or '!')
                {
                    var end = i + 1;
                    while (end < text.Length && end != nextEntityStart && text[end] is '?' or '!')
                    {
                        end++;
                    }

                    sink.Add(TokenKind.Punctuation, end - i > 1 ? (c == '?' ? "??" : "!!") : text.AsSpan(i, 1));
                    i = end;
                    hasPrevious = false;
                    continue;
                }

                if (c is '.' or ',' or ';' or ':' or '~' or '(' or ')')
                {
                    hasPrevious = false;
                }

                // Emoji and other symbols carry meaning on their own ("👋", "🙏", "😡").
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sink.Add(TokenKind.Punctuation, text.AsSpan(i, 2));
                    i += 2;
                    continue;
                }

                if (c >= 0x2000 && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol)
                {
                    sink.Add(TokenKind.Punctuation, text.AsSpan(i, 1));
                }

                i++;
            }
        }
    }

    internal static string PlaceholderOf(string entityType) => entityType switch
    {
        EntityTypes.OrderId => "<order>",
        EntityTypes.TrackingNo => "<tracking>",
        EntityTypes.Phone => "<phone>",
        EntityTypes.Amount => "<amount>",
        EntityTypes.Date => "<date>",
        EntityTypes.Size => "<size>",
        _ => "<entity>",
    };

    // Dates and sizes keep their words ("明天", "xl") because those words carry intent too.
    private static bool Replaces(string entityType) =>
        entityType is EntityTypes.OrderId or EntityTypes.TrackingNo or EntityTypes.Phone or EntityTypes.Amount;

    private static void AddCjkGrams<TSink>(ReadOnlySpan<char> run, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        for (var i = 0; i < run.Length; i++)
        {
            sink.Add(TokenKind.CjkUnigram, run.Slice(i, 1));
            if (i + 2 <= run.Length)
            {
                sink.Add(TokenKind.CjkBigram, run.Slice(i, 2));
            }

            if (i + 3 <= run.Length)
            {
                sink.Add(TokenKind.CjkTrigram, run.Slice(i, 3));
            }
        }
    }

    private static void AddCharGrams<TSink>(ReadOnlySpan<char> word, Span<char> padded, AnalyzerProfile profile, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        padded[0] = '<';
        word.CopyTo(padded[1..]);
        padded[word.Length + 1] = '>';
        var marked = padded[..(word.Length + 2)];
        for (var n = profile.CharGramMin; n <= profile.CharGramMax; n++)
        {
            for (var start = 0; start + n <= marked.Length; start++)
            {
                sink.Add(TokenKind.CharGram, marked.Slice(start, n));
            }
        }
    }
}
