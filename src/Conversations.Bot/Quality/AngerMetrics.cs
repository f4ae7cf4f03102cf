namespace Conversations.Bot.Quality;

/// <summary>How well angry messages are caught: <see cref="Recall"/> is the share of angry messages flagged.</summary>
public sealed record AngerMetrics(string Scope, int AngryExamples, int Flagged, int Caught, double Precision, double Recall);
