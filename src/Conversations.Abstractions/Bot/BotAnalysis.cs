namespace Conversations.Abstractions.Bot;

/// <summary>What the bot understood of a message: intent and confidence, sentiment and anger, language.</summary>
public sealed record BotAnalysis(string Intent, double Confidence, string Sentiment, double SentimentScore, double Anger, string Language);
