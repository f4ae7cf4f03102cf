namespace Conversations.Server.Hubs;

// The hub contract of PROTOCOL.md, one record per argument and answer. Fields are nullable where the contract lets
// them be missing, so the hub, not the JSON binder, says which one is missing (E_BAD_REQUEST).

/// <summary><c>StartSession</c> argument.</summary>
public sealed record StartSessionRequest(string? Channel, string? Language, string? OrderId);

/// <summary><c>StartSession</c> answer.</summary>
public sealed record StartSessionResponse(string SessionId, string Status, long LastSeq, bool Resumed);

/// <summary><c>SendMessage</c> argument (customer and agent hubs).</summary>
public sealed record SendMessageRequest(string? SessionId, string? ClientMessageId, string? Text);

/// <summary><c>GetHistory</c> argument.</summary>
public sealed record GetHistoryRequest(string? SessionId, long? AfterSeq, int? Limit);

/// <summary><c>RequestAgent</c> argument.</summary>
public sealed record RequestAgentRequest(string? SessionId, string? Reason);

/// <summary><c>RateSession</c> argument.</summary>
public sealed record RateSessionRequest(string? SessionId, int? Score, string? Comment);

/// <summary>An argument naming only a session (<c>CloseSession</c>, <c>GetSuggestions</c>).</summary>
public sealed record SessionRequest(string? SessionId);

/// <summary>An answer carrying a session's or an agent's status.</summary>
public sealed record StatusResponse(string Status);

/// <summary>An answer saying the call was carried out.</summary>
public sealed record OkResponse(bool Ok);

/// <summary><c>GoOnline</c> argument.</summary>
public sealed record GoOnlineRequest(IReadOnlyList<string>? Skills, IReadOnlyList<string>? Languages, int? Capacity);

/// <summary><c>GoOnline</c> answer: the agent's status, the sessions still assigned, and offers still open.</summary>
public sealed record GoOnlineResponse(string Status, IReadOnlyList<string> ActiveSessions, IReadOnlyList<string> PendingOffers);

/// <summary><c>SetAvailability</c> argument.</summary>
public sealed record SetAvailabilityRequest(string? Status);

/// <summary><c>AcceptOffer</c> argument.</summary>
public sealed record AcceptOfferRequest(string? OfferId);

/// <summary><c>DeclineOffer</c> argument.</summary>
public sealed record DeclineOfferRequest(string? OfferId, string? Reason);

/// <summary><c>TransferSession</c> argument.</summary>
public sealed record TransferSessionRequest(string? SessionId, string? Queue);

/// <summary><c>ResolveSession</c> argument.</summary>
public sealed record ResolveSessionRequest(string? SessionId, string? Resolution);
