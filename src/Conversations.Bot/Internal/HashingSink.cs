namespace Conversations.Bot.Internal;

/// <summary>Hashes tokens into a <see cref="FeatureBuffer"/> with a weight per token kind.</summary>
internal readonly struct HashingSink(FeatureBuffer buffer, AnalyzerProfile profile, uint mask) : ITokenSink
{
    public void Add(TokenKind kind, ReadOnlySpan<char> token)
    {
        var weight = profile.WeightOf(kind);
        if (weight > 0f)
        {
            buffer.Add((int)(FeatureHash.Of(kind, token) & mask), weight);
        }
    }

    public void AddPair(TokenKind kind, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        var weight = profile.WeightOf(kind);
        if (weight > 0f)
        {
            buffer.Add((int)(FeatureHash.Of(kind, first, second) & mask), weight);
        }
    }
}
