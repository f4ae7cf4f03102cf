namespace Conversations.Load.Scenarios;

/// <summary>A load scenario: how fast customers write, what they talk about and how agents behave.</summary>
/// <param name="Trace">When set, customers replay these recorded messages instead of drawing from <paramref name="Mix"/>.</param>
public sealed record Scenario(
    string Name,
    string? Description,
    int Seed,
    ArrivalCurve Arrival,
    CustomerBehaviour Customers,
    AgentBehaviour Agents,
    IReadOnlyList<ConversationKind> Mix,
    IReadOnlyList<TraceMessage>? Trace);
