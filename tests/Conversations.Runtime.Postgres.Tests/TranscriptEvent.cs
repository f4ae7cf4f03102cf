using System.Text.Json.Serialization;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>
/// Polymorphic transcript events: jsonb reorders object keys, so "$type" no longer comes first when read back,
/// which is what these exercise.
/// </summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(MessageAppended), "message")]
[JsonDerivedType(typeof(AgentAssigned), "assigned")]
public abstract record TranscriptEvent(long Seq);

/// <summary>A message in the transcript.</summary>
public sealed record MessageAppended(long Seq, string Author, string Text) : TranscriptEvent(Seq);

/// <summary>An agent took over.</summary>
public sealed record AgentAssigned(long Seq, string AgentId) : TranscriptEvent(Seq);
