namespace Conversations.Bot.Internal;

/// <summary>The families of tokens the analyser produces; each hashes into its own region of the space.</summary>
internal enum TokenKind
{
    CjkUnigram = 1,
    CjkBigram = 2,
    CjkTrigram = 3,
    Word = 4,
    WordBigram = 5,
    CharGram = 6,
    Entity = 7,
    Punctuation = 8,
    Cue = 9,
}
