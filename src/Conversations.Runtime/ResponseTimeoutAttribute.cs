namespace Conversations.Runtime;

/// <summary>Overrides the default call deadline for one interface method (a TimeSpan string, e.g. "00:00:05").</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute : Attribute
{
    public ResponseTimeoutAttribute(string timeout)
    {
        Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
    }

    public TimeSpan Timeout { get; }
}
