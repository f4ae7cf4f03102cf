namespace Conversations.Bot.Quality;

/// <summary>
/// Held-out results for one language. <see cref="ConfusionMatrix"/> rows are expected and columns predicted
/// intents, both in <see cref="Labels"/> order. <see cref="ExpectedCalibrationError"/> is the mean gap between
/// confidence and accuracy over ten confidence bins; <see cref="AccuracyWhenConfident"/> is accuracy on the
/// messages that did not need clarification; <see cref="AngryFlagRateOnRequests"/> is the share of held-out
/// intent messages other than complaints that were flagged angry (false alarms in everyday traffic, mostly).
/// </summary>
public sealed record LanguageEvaluation(
    string Language,
    int Examples,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<IntentMetrics> PerIntent,
    IReadOnlyList<string> Labels,
    IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix,
    double LanguageDetectionAccuracy,
    double ClarificationRate,
    double AccuracyWhenConfident,
    double ExpectedCalibrationError,
    int SentimentExamples,
    double SentimentAccuracy,
    AngerMetrics Anger,
    double AngryFlagRateOnRequests);
