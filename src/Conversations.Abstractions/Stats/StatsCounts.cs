namespace Conversations.Abstractions.Stats;

/// <summary>
/// The conversation counters of one silo, or their sum over the cluster: counts and sums only (no averages or rates),
/// so that adding two silos' counters gives the cluster's, and averages are taken once, over the sum.
/// </summary>
/// <param name="ActiveSessions">Sessions started and not yet ended, counted where they started and ended (can be negative on one silo).</param>
/// <param name="Queued">Sessions waiting in the queue shards resident on the silo.</param>
/// <param name="AgentsOnline">Online agents whose grain is resident on the silo.</param>
public sealed record StatsCounts(
    long ActiveSessions,
    long Queued,
    long AgentsOnline,
    long SessionsStarted,
    long SessionsEnded,
    long ContainedByBot,
    long Handoffs,
    long MessagesStored,
    long SlaWarnings,
    long SlaBreaches,
    long FirstResponses,
    long FirstResponseTicks,
    long Handled,
    long HandledTicks,
    long CsatRatings,
    long CsatSum)
{
    public static StatsCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>These counters and <paramref name="other"/>'s, added.</summary>
    public StatsCounts Plus(StatsCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new StatsCounts(
            ActiveSessions + other.ActiveSessions,
            Queued + other.Queued,
            AgentsOnline + other.AgentsOnline,
            SessionsStarted + other.SessionsStarted,
            SessionsEnded + other.SessionsEnded,
            ContainedByBot + other.ContainedByBot,
            Handoffs + other.Handoffs,
            MessagesStored + other.MessagesStored,
            SlaWarnings + other.SlaWarnings,
            SlaBreaches + other.SlaBreaches,
            FirstResponses + other.FirstResponses,
            FirstResponseTicks + other.FirstResponseTicks,
            Handled + other.Handled,
            HandledTicks + other.HandledTicks,
            CsatRatings + other.CsatRatings,
            CsatSum + other.CsatSum);
    }
}
