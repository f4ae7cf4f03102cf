namespace Conversations.Client.Tests.Fixtures;

/// <summary>Argument of <see cref="TestHub.Echo"/>.</summary>
public sealed record EchoRequest(string Text, int Count, string? OrderId);

/// <summary>Result of <see cref="TestHub.Echo"/>.</summary>
public sealed record EchoReply(string Text, int Count, string? OrderId, string ConnectionId);

/// <summary>What <see cref="TestHub.PushToCaller"/> pushes to the client.</summary>
public sealed record Notice(string Text, int Priority);
