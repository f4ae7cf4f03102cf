using Conversations.Abstractions.Customers;

namespace Conversations.Grains.Queues;

/// <summary>
/// The routing priority of a waiting session; higher is offered first, ties go to whoever waited longest.
/// </summary>
/// <remarks>
/// The sum of:
/// <list type="bullet">
/// <item>tier: SVIP +300, VIP +150, regular 0;</item>
/// <item>mood: angry +100 (the entry's flag or an <c>angry</c> sentiment), <c>negative</c> +25;</item>
/// <item>SLA at risk or escalated +1000, plus every boost the session or an escalation added (raw points);</item>
/// <item>a repeated contact about the same matter (the summary names an earlier session) +50;</item>
/// <item>waiting: +1 per 10 seconds, at most +180 (30 minutes).</item>
/// </list>
/// So a fresh SVIP outranks any calm regular, waiting lifts a regular above a fresh VIP after 25
/// minutes, an angry customer goes before a calm one of the same tier, and a session whose SLA is at
/// risk (escalated, or taken back from a silent agent) goes before every session whose SLA is not, since
/// tier, mood, repeat contact and waiting add up to at most 630.
/// </remarks>
public static class QueuePriority
{
    public const int Svip = 300;
    public const int Vip = 150;
    public const int Angry = 100;
    public const int Negative = 25;
    public const int SlaAtRisk = 1000;
    public const int RepeatContact = 50;
    public const int MaxWaitingPoints = 180;

    /// <summary>Waiting time worth one point.</summary>
    public static readonly TimeSpan WaitingStep = TimeSpan.FromSeconds(10);

    /// <summary>The priority of a session with these traits that has waited <paramref name="waited"/>.</summary>
    public static int Of(string? tier, bool angry, string? sentiment, bool slaAtRisk, int boost, bool repeatContact, TimeSpan waited)
    {
        var priority = tier switch
        {
            CustomerTiers.Svip => Svip,
            CustomerTiers.Vip => Vip,
            _ => 0,
        };

        if (angry || sentiment == "angry") priority += Angry;
        else if (sentiment == "negative") priority += Negative;
        if (slaAtRisk) priority += SlaAtRisk;
        if (repeatContact) priority += RepeatContact;
        priority += Math.Max(0, boost);
        if (waited > TimeSpan.Zero) priority += (int)Math.Min(MaxWaitingPoints, waited.Ticks / WaitingStep.Ticks);
        return priority;
    }
}
