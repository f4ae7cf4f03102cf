namespace Conversations.Bot;

/// <summary>The sentiment vocabulary of PROTOCOL.md, from most content to most upset.</summary>
public static class SentimentLabels
{
    public const string Positive = "positive";
    public const string Neutral = "neutral";
    public const string Negative = "negative";
    public const string Angry = "angry";

    public static IReadOnlyList<string> All { get; } = [Positive, Neutral, Negative, Angry];
}
