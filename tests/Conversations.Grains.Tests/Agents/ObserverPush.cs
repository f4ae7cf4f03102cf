namespace Conversations.Grains.Tests.Agents;

/// <summary>One push an agent made to a connection: which connection, what kind, and the payload.</summary>
public sealed record ObserverPush(string ConnectionId, string Kind, object Payload);
