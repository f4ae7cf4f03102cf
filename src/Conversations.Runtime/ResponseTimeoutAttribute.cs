namespace Conversations.Runtime;

/// <summary>Overrides the default call deadline for one interface method (a positive TimeSpan string, e.g. "00:00:05").</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute : Attribute
{
    public ResponseTimeoutAttribute(string timeout)
    {
        // The generator refuses a bad value at build time (CR0002, naming the method); this guards reflection readers.
        if (!TimeSpan.TryParse(timeout, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed <= TimeSpan.Zero)
        {
            throw new ArgumentException($"[ResponseTimeout(\"{timeout}\")] is not a positive TimeSpan: write it as hours:minutes:seconds, like \"00:00:05\".", nameof(timeout));
        }

        Timeout = parsed;
    }

    public TimeSpan Timeout { get; }
}
