namespace Conversations.Abstractions.Push;

/// <summary>One connection to push to: the server's observer and the connection id on that server.</summary>
public sealed record Subscriber(IConversationObserver Observer, string ConnectionId);
