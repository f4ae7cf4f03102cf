using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Sla;

/// <summary>
/// How a session escalates on the warnings and breaches that fell due: priority gained in the queue while it waits
/// (<paramref name="QueueBoost"/>), priority kept for any later queueing while an answering agent keeps it
/// (<paramref name="KeptBoost"/>), or taken back from its agent and queued again (<paramref name="ReclaimReason"/>).
/// </summary>
public sealed record SlaEscalation(int QueueBoost, int KeptBoost, string? ReclaimReason)
{
    /// <summary>
    /// The escalation for <paramref name="alarms"/> of a session in <paramref name="status"/> whose clocks, once the due
    /// ones are taken, are <paramref name="clocks"/>.
    /// </summary>
    public static SlaEscalation For(SessionStatus status, IReadOnlyList<SlaAlarm> alarms, SlaState clocks, SlaOptions options)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentNullException.ThrowIfNull(clocks);
        ArgumentNullException.ThrowIfNull(options);
        switch (status)
        {
            case SessionStatus.Queued:
                var boost = 0;
                foreach (var alarm in alarms) boost += alarm.IsBreach ? options.BreachPriorityBoost : options.WarningPriorityBoost;
                return new SlaEscalation(boost, 0, null);
            case SessionStatus.Assigned:
                // The agent let a response deadline pass: someone else answers.
                if (alarms.Any(a => a.IsBreach && a.Clock is SlaClocks.FirstResponse or SlaClocks.NextResponse))
                {
                    return new SlaEscalation(0, 0, "no answer within the SLA");
                }

                if (!alarms.Any(a => a.IsBreach && a.Clock == SlaClocks.Resolution)) return None;
                // Past the resolution deadline while the customer waits for the agent's answer, the conversation has
                // stalled: someone else gets it. While the agent is answering, moving it would make the customer start
                // over with a stranger, so it stays; the breach reaches the agent, and the session goes first if queued again.
                return clocks.IsRunning(SlaClocks.FirstResponse) || clocks.IsRunning(SlaClocks.NextResponse)
                    ? new SlaEscalation(0, 0, "not resolved within the SLA")
                    : new SlaEscalation(0, options.BreachPriorityBoost, null);
            default:
                return None;
        }
    }

    private static SlaEscalation None { get; } = new(0, 0, null);
}
