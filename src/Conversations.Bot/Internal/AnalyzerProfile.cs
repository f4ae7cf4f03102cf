namespace Conversations.Bot.Internal;

/// <summary>Which token families the analyser emits and how much each weighs.</summary>
internal sealed class AnalyzerProfile
{
    private readonly float[] _weights = new float[10];

    public AnalyzerProfile(int charGramMin, int charGramMax, params (TokenKind Kind, float Weight)[] weights)
    {
        CharGramMin = charGramMin;
        CharGramMax = charGramMax;
        foreach (var (kind, weight) in weights)
        {
            _weights[(int)kind] = weight;
        }
    }

    /// <summary>Classification: CJK 1–3-grams, words and word bigrams, character 3–5-grams inside words.</summary>
    public static AnalyzerProfile Classification { get; } = new(
        3,
        5,
        (TokenKind.CjkUnigram, 0.6f),
        (TokenKind.CjkBigram, 1f),
        (TokenKind.CjkTrigram, 0.8f),
        (TokenKind.Word, 1f),
        (TokenKind.WordBigram, 0.8f),
        (TokenKind.CharGram, 0.35f),
        (TokenKind.Entity, 1f),
        (TokenKind.Punctuation, 0.5f),
        (TokenKind.Cue, 1f));

    /// <summary>Retrieval: CJK 1–2-grams, words, and 4-grams inside words for typo tolerance.</summary>
    public static AnalyzerProfile Retrieval { get; } = new(
        4,
        4,
        (TokenKind.CjkUnigram, 0.4f),
        (TokenKind.CjkBigram, 1f),
        (TokenKind.Word, 1f),
        (TokenKind.WordBigram, 0.5f),
        (TokenKind.CharGram, 0.3f),
        (TokenKind.Entity, 0.5f));

    public int CharGramMin { get; }

    public int CharGramMax { get; }

    public float WeightOf(TokenKind kind) => _weights[(int)kind];
}
