namespace Conversations.Runtime;

/// <summary>How long an activation of this grain class may stay idle before it is collected (positive; the silo refuses the class otherwise).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    public double Minutes { get; init; }

    public double Seconds { get; init; }

    public TimeSpan Age => TimeSpan.FromMinutes(Minutes) + TimeSpan.FromSeconds(Seconds);
}
