using Conversations.Abstractions.Queues;
using Conversations.Grains.Sessions;
using Conversations.Grains.Sla;
using Conversations.Grains.Transcripts;

namespace Conversations.Grains.Tests.Support;

/// <summary>How a <see cref="DomainCluster"/> is built: fake or real routing, memory or PostgreSQL, option tweaks.</summary>
public sealed class DomainClusterSetup
{
    /// <summary>The routing helper's QueueGrain and AgentGrain instead of the recording fakes.</summary>
    public bool RealRouting { get; init; }

    /// <summary>PostgreSQL for grain state, reminders and transcripts (through the domain's own composition).</summary>
    public string? Postgres { get; init; }

    /// <summary>The transcript store to use instead of a fresh memory store (ignored with <see cref="Postgres"/>).</summary>
    public ITranscriptStore? Transcripts { get; init; }

    public Action<SessionOptions>? Sessions { get; init; }

    public Action<SlaOptions>? Sla { get; init; }

    public Action<QueueOptions>? Queues { get; init; }
}
