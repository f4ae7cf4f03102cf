namespace Conversations.Bot.Quality;

/// <summary>How often examples of <see cref="Expected"/> were classified as <see cref="Predicted"/>.</summary>
public sealed record Confusion(string Language, string Expected, string Predicted, int Count);
