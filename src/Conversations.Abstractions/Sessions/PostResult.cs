namespace Conversations.Abstractions.Sessions;

/// <summary>The acknowledgement of a stored message: its seq, and whether it was a repeat of an earlier clientMessageId.</summary>
public sealed record PostResult(long Seq, bool Duplicate);
