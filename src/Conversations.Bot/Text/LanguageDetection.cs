namespace Conversations.Bot.Text;

/// <summary>The language of a message, whether it mixes scripts, and the counts the decision rests on.</summary>
public sealed record LanguageDetection(string Language, bool IsMixed, int CjkCharacters, int LatinWords);
