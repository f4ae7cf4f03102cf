using System.Text.Json;

namespace Conversations.Load.Protocol;

// The agent hub's arguments, results and pushes (PROTOCOL.md, hub /hubs/agent): one message family, one file.

/// <summary><c>GoOnline</c> argument.</summary>
public sealed record GoOnlineRequest(IReadOnlyList<string> Skills, IReadOnlyList<string> Languages, int Capacity);

/// <summary><c>GoOnline</c> result.</summary>
public sealed record GoOnlineResult(string? Status, IReadOnlyList<string>? ActiveSessions);

/// <summary>The <c>Offer</c> push.</summary>
public sealed record OfferMessage(string OfferId, string SessionId, string? Queue, int Priority, DateTimeOffset? ExpiresAt, JsonElement? Summary)
{
    /// <summary><c>summary.language</c>, to answer in the customer's language.</summary>
    public string Language =>
        Summary is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("language", out JsonElement l) && l.ValueKind == JsonValueKind.String
            ? l.GetString() ?? "zh"
            : "zh";
}

/// <summary>The <c>OfferRevoked</c> push.</summary>
public sealed record OfferRevokedMessage(string OfferId, string? Reason);

/// <summary>The <c>SessionAssigned</c> push.</summary>
public sealed record SessionAssignedMessage(string SessionId, JsonElement? Summary);

/// <summary><c>AcceptOffer</c> argument.</summary>
public sealed record AcceptOfferRequest(string OfferId);

/// <summary><c>AcceptOffer</c> result.</summary>
public sealed record AcceptOfferResult(string SessionId, JsonElement? Summary, IReadOnlyList<ConversationEvent>? History);

/// <summary><c>DeclineOffer</c> argument.</summary>
public sealed record DeclineOfferRequest(string OfferId, string? Reason);

/// <summary><c>ResolveSession</c> argument.</summary>
public sealed record ResolveSessionRequest(string SessionId, string Resolution);
