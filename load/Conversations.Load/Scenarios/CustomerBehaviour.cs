namespace Conversations.Load.Scenarios;

/// <summary>How simulated customers behave between and around their messages.</summary>
/// <param name="DemoCustomers">The first twelve customers are the demo customers c-1001…c-1012 and ask about their real orders.</param>
/// <param name="AgentTurns">Messages a customer sends to the agent once one has joined.</param>
public sealed record CustomerBehaviour(
    bool DemoCustomers,
    string SyntheticPrefix,
    IReadOnlyList<Weighted<string>> Channels,
    IReadOnlyList<Weighted<string>> Languages,
    SecondsRange ThinkSeconds,
    double BotReplyTimeoutSeconds,
    double AssignmentTimeoutSeconds,
    double ReconnectProbability,
    double RateSessionProbability,
    int AgentTurns);
