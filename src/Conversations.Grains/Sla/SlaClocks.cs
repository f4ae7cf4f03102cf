namespace Conversations.Grains.Sla;

/// <summary>The names of a session's SLA clocks, as they appear in <c>SlaView.Breaches</c> and in SLA events' <c>data.clock</c>.</summary>
public static class SlaClocks
{
    public const string FirstResponse = "first_response";
    public const string NextResponse = "next_response";
    public const string Resolution = "resolution";
}
