using Conversations.Bot.Entities;

namespace Conversations.Bot;

/// <summary>
/// The NLU reading of one customer message: the body of <c>POST /api/bot/analyze</c> in PROTOCOL.md
/// (intent, confidence, alternatives, sentiment, sentimentScore, entities, language) plus the anger
/// score, whether the text mixes Chinese and English, and whether the bot should ask or hand off
/// rather than act on the intent.
/// </summary>
public sealed record BotAnalysis(
    string Intent,
    double Confidence,
    IReadOnlyList<IntentScore> Alternatives,
    string Sentiment,
    double SentimentScore,
    double AngerScore,
    IReadOnlyList<ExtractedEntity> Entities,
    string Language,
    bool IsMixedLanguage,
    bool NeedsClarification);
