namespace Conversations.Runtime;

/// <summary>When a reminder first fired, its period, and the time of this tick.</summary>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
