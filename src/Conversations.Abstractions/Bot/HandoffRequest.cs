namespace Conversations.Abstractions.Bot;

/// <summary>The bot asks for a person: why (<c>HandoffReasons</c>), which skill's queue, and how urgent.</summary>
public sealed record HandoffRequest(string Reason, string Skill, int PriorityBoost, string? Note = null);
