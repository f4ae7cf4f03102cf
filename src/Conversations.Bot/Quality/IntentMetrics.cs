namespace Conversations.Bot.Quality;

/// <summary>Precision, recall and F1 of one intent on the held-out examples of one language.</summary>
public sealed record IntentMetrics(string Intent, int Support, double Precision, double Recall, double F1);
