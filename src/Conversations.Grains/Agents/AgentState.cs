using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Push;

namespace Conversations.Grains.Agents;

/// <summary>The persisted state of one agent: profile, presence, sessions, offers, connections and handle-time figures.</summary>
public sealed class AgentState
{
    public string? Name { get; set; }

    public List<string> ProfileSkills { get; set; } = [];

    public List<string> ProfileLanguages { get; set; } = [];

    public int ProfileCapacity { get; set; }

    public AgentStatus Status { get; set; } = AgentStatus.Offline;

    /// <summary>What the agent serves while online (from GoOnline).</summary>
    public List<string> Skills { get; set; } = [];

    public List<string> Languages { get; set; } = [];

    /// <summary>How many sessions the agent takes at once, offers included.</summary>
    public int Capacity { get; set; }

    public Dictionary<string, AssignedSession> ActiveSessions { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, Offer> PendingOffers { get; set; } = new(StringComparer.Ordinal);

    public int ExpiredOffersInARow { get; set; }

    /// <summary>Sessions that ended with the agent (resolved, or closed by the customer); transfers and sessions taken back do not count.</summary>
    public int ResolvedSessions { get; set; }

    public double TotalHandleSeconds { get; set; }

    /// <summary>Since when the agent has had no new work (last offer, or coming online): longest idle is offered first.</summary>
    public DateTimeOffset? IdleSince { get; set; }

    public List<Subscriber> Subscribers { get; set; } = [];
}
