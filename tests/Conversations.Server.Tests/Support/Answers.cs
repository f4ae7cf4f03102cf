using Conversations.Abstractions.Sessions;

namespace Conversations.Server.Tests.Support;

// What the hubs answer, as a client reads them (PROTOCOL.md).

/// <summary><c>StartSession</c>'s answer.</summary>
public sealed record StartSessionAnswer(string SessionId, string Status, long LastSeq, bool Resumed);

/// <summary><c>SendMessage</c>'s answer.</summary>
public sealed record SendAnswer(long Seq, bool Duplicate);

/// <summary>An answer carrying a status.</summary>
public sealed record StatusAnswer(string Status);

/// <summary>An answer saying ok.</summary>
public sealed record OkAnswer(bool Ok);

/// <summary><c>GoOnline</c>'s answer.</summary>
public sealed record GoOnlineAnswer(string Status, IReadOnlyList<string> ActiveSessions);

/// <summary><c>AcceptOffer</c>'s answer.</summary>
public sealed record AcceptAnswer(string SessionId, HandoffSummary Summary, IReadOnlyList<ConversationEvent> History);

/// <summary>A reply suggestion.</summary>
public sealed record SuggestionAnswer(string Text, string Source, double Confidence);
