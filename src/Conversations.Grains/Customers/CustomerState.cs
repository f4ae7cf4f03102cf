using Conversations.Abstractions.Customers;

namespace Conversations.Grains.Customers;

/// <summary>A customer's durable record: profile, the open session, and bounded memory of recent sessions, intents and orders (newest first).</summary>
public sealed class CustomerState
{
    public string? Name { get; set; }

    public string Tier { get; set; } = CustomerTiers.Regular;

    public string? Language { get; set; }

    public List<string> Channels { get; set; } = [];

    public string? OpenSessionId { get; set; }

    public List<SessionMemory> RecentSessions { get; set; } = [];

    public List<string> RecentIntents { get; set; } = [];

    public List<string> OrderIds { get; set; } = [];
}
