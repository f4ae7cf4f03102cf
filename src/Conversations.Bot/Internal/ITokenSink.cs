namespace Conversations.Bot.Internal;

/// <summary>Receives the tokens of one text; a struct implementation lets the JIT inline the calls.</summary>
internal interface ITokenSink
{
    void Add(TokenKind kind, ReadOnlySpan<char> token);

    void AddPair(TokenKind kind, ReadOnlySpan<char> first, ReadOnlySpan<char> second);
}
