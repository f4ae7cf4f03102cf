namespace Conversations.Grains.Sla;

/// <summary>A warning or a breach of one clock that fell due.</summary>
public sealed record SlaAlarm(string Clock, bool IsBreach, DateTimeOffset Due);
