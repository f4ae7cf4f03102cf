namespace Conversations.Bot.Sentiment;

/// <summary>
/// Sentiment of one message: a label from <see cref="SentimentLabels"/>, a score in [-1, 1]
/// (negative means unhappy) and an anger score in [0, 1].
/// </summary>
public sealed record SentimentResult(string Sentiment, double Score, double AngerScore);
