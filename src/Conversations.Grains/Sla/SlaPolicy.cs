namespace Conversations.Grains.Sla;

/// <summary>
/// Response targets for conversations of one queue and/or tier. <see cref="Queue"/> matches a queue
/// name (<c>complaints:zh</c>) or a skill (<c>complaints</c>); a null <see cref="Queue"/> or
/// <see cref="Tier"/> matches any.
/// </summary>
public sealed class SlaPolicy
{
    public string? Queue { get; set; }

    public string? Tier { get; set; }

    /// <summary>From the handoff to the agent's first message.</summary>
    public TimeSpan FirstResponse { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>From a customer message (or the agent joining) to the agent's next message.</summary>
    public TimeSpan NextResponse { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>From the handoff to the resolution.</summary>
    public TimeSpan Resolution { get; set; } = TimeSpan.FromMinutes(30);

    internal bool Matches(string? queue, string tier)
    {
        if (Tier is not null && !string.Equals(Tier, tier, StringComparison.OrdinalIgnoreCase)) return false;
        if (Queue is null) return true;
        if (queue is null) return false;
        if (string.Equals(Queue, queue, StringComparison.OrdinalIgnoreCase)) return true;
        var colon = queue.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && string.Equals(Queue, queue[..colon], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Higher is more specific: queue and tier, then queue, then tier.</summary>
    internal int Specificity => (Queue is null ? 0 : 2) + (Tier is null ? 0 : 1);
}
