namespace Conversations.Load.Scenarios;

/// <summary>A choice and its relative weight.</summary>
public sealed record Weighted<T>(T Value, double Weight);
