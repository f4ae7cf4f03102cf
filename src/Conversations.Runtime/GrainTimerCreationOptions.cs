namespace Conversations.Runtime;

/// <summary>When a grain timer fires and how its ticks are scheduled.</summary>
public sealed record GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Ticks may interleave with the grain's calls instead of waiting for them.</summary>
    public bool Interleave { get; init; }

    /// <summary>Ticks count as use, so the activation is not collected while the timer runs.</summary>
    public bool KeepAlive { get; init; }
}
