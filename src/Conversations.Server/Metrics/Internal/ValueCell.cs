namespace Conversations.Server.Metrics.Internal;

/// <summary>One series' current value.</summary>
internal sealed class ValueCell
{
    public double Value;
}
