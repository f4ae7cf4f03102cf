using Conversations.Runtime;

namespace Conversations.Server.Tests.Support;

/// <summary>One grain state write as it was stored: a copy, since the grain goes on changing its own state object.</summary>
public sealed record StateWrite(string StateName, GrainId GrainId, object? State);
