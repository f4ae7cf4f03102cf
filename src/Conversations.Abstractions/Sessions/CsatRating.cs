namespace Conversations.Abstractions.Sessions;

/// <summary>A customer's satisfaction rating of one session (1 to 5).</summary>
public sealed record CsatRating(int Score, string? Comment, DateTimeOffset At);
