namespace Conversations.Abstractions.Sessions;

/// <summary>The author of an event: a role from <see cref="SenderRoles"/>, and an id and display name where known.</summary>
public sealed record Sender(string Role, string? Id = null, string? Name = null);
