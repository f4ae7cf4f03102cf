using System.Text.Json;

namespace Conversations.Load.Protocol;

/// <summary>One entry of a session's transcript, as the hubs push it and <c>GetHistory</c> returns it.</summary>
public sealed record ConversationEvent(
    string SessionId,
    long Seq,
    string Kind,
    EventSender? Sender,
    string? Text,
    DateTimeOffset At,
    JsonElement? Data)
{
    public string Role => Sender?.Role ?? string.Empty;

    /// <summary>The <c>data.status</c> of a <c>status</c> event, else null.</summary>
    public string? Status =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("status", out JsonElement s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : null;

    /// <summary>The <c>data.clientMessageId</c>, when the server echoes it; the audit prefers it to comparing texts.</summary>
    public string? ClientMessageId =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("clientMessageId", out JsonElement s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : null;
}
