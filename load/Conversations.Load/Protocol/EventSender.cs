namespace Conversations.Load.Protocol;

/// <summary>Who wrote a <see cref="ConversationEvent"/>: <c>customer</c>, <c>bot</c>, <c>agent</c> or <c>system</c>.</summary>
public sealed record EventSender(string Role, string? Id, string? Name);
