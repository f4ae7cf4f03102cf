namespace Conversations.Load.Protocol;

// The customer hub's arguments and results (PROTOCOL.md, hub /hubs/customer): one message family, one file.

/// <summary><c>StartSession</c> argument.</summary>
public sealed record StartSessionRequest(string Channel, string? Language, string? OrderId);

/// <summary><c>StartSession</c> result.</summary>
public sealed record StartSessionResult(string SessionId, string Status, long LastSeq, bool Resumed);

/// <summary><c>SendMessage</c> argument (both hubs).</summary>
public sealed record SendMessageRequest(string SessionId, string ClientMessageId, string Text);

/// <summary><c>SendMessage</c> result (both hubs).</summary>
public sealed record SendMessageResult(long Seq, bool Duplicate);

/// <summary><c>GetHistory</c> argument.</summary>
public sealed record GetHistoryRequest(string SessionId, long AfterSeq, int? Limit);

/// <summary><c>RequestAgent</c> argument.</summary>
public sealed record RequestAgentRequest(string SessionId, string? Reason);

/// <summary><c>RateSession</c> argument.</summary>
public sealed record RateSessionRequest(string SessionId, int Score, string? Comment);

/// <summary>An argument naming only a session (<c>CloseSession</c>).</summary>
public sealed record SessionRequest(string SessionId);

/// <summary>A <c>{ status }</c> result.</summary>
public sealed record StatusResult(string? Status);

/// <summary>An <c>{ ok }</c> result.</summary>
public sealed record OkResult(bool Ok);
