namespace Conversations.Load.Scenarios;

/// <summary>A burst (midnight of a sale): the rate ramps to <paramref name="Multiplier"/>× at <paramref name="AtSeconds"/>, holds, and ramps back.</summary>
public sealed record Spike(double AtSeconds, double Multiplier, double RampSeconds, double HoldSeconds);
