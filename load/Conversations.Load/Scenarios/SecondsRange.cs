namespace Conversations.Load.Scenarios;

/// <summary>A delay drawn uniformly between two bounds, in seconds.</summary>
public sealed record SecondsRange(double Min, double Max)
{
    public TimeSpan Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return TimeSpan.FromSeconds(Min + (random.NextDouble() * (Max - Min)));
    }
}
