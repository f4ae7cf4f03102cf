using System.Text.Json;

namespace Conversations.Abstractions.Sessions;

/// <summary>One event of a session's transcript; <see cref="Seq"/> grows by exactly one per stored event.</summary>
public sealed record ConversationEvent(
    string SessionId,
    long Seq,
    string Kind,
    Sender Sender,
    string? Text,
    DateTimeOffset At,
    JsonElement? Data = null);
