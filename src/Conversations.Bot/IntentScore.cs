namespace Conversations.Bot;

/// <summary>An intent with its calibrated probability.</summary>
public sealed record IntentScore(string Intent, double Confidence);
