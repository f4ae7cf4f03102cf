namespace Conversations.Load.Scenarios;

/// <summary>One recorded customer message: sent <paramref name="AtSeconds"/> after the start of the replay.</summary>
/// <param name="Line">The line of the trace file it came from.</param>
public sealed record TraceMessage(double AtSeconds, string CustomerId, string Text, string Language, string Channel, string? OrderId, int Line);
