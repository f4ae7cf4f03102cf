namespace Conversations.Bot.Internal;

/// <summary>Renders tokens as readable strings, for tests and diagnostics only.</summary>
internal readonly struct StringSink(List<string> tokens, AnalyzerProfile profile) : ITokenSink
{
    public void Add(TokenKind kind, ReadOnlySpan<char> token)
    {
        if (profile.WeightOf(kind) > 0f)
        {
            tokens.Add(kind == TokenKind.CharGram ? "~" + token.ToString() : token.ToString());
        }
    }

    public void AddPair(TokenKind kind, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        if (profile.WeightOf(kind) > 0f)
        {
            tokens.Add(string.Concat(first, " ", second));
        }
    }
}
