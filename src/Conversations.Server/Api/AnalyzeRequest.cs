namespace Conversations.Server.Api;

/// <summary>Body of <c>POST /api/bot/analyze</c>.</summary>
public sealed record AnalyzeRequest(string? Text, string? Language);
