using Conversations.Abstractions.Sessions;

namespace Conversations.Abstractions.Customers;

/// <summary>PROTOCOL.md <c>StartSession</c>'s answer: the session, its status and last seq, and whether it was resumed.</summary>
public sealed record StartSessionResult(string SessionId, SessionStatus Status, long LastSeq, bool Resumed);
