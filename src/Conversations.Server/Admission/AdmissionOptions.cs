namespace Conversations.Server.Admission;

/// <summary>
/// Admission control during spikes (configuration section <c>Conversations:Admission</c>): past these limits new
/// sessions are refused with E_OVERLOADED and a retry hint, while resumed sessions still get through.
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Conversations:Admission";

    /// <summary>Open sessions this silo carries before refusing new ones (0: no limit).</summary>
    public int MaxActiveSessions { get; set; } = 50_000;

    /// <summary>New sessions per second this silo opens, on average (0: no limit).</summary>
    public double MaxNewSessionsPerSecond { get; set; } = 500;

    /// <summary>New sessions allowed at once above the average rate (0: one second's worth).</summary>
    public int NewSessionsBurst { get; set; }

    /// <summary>The retry hint when the active-session limit is hit (the rate limit computes its own).</summary>
    public int RetryAfterSeconds { get; set; } = 15;

    public static AdmissionOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<AdmissionOptions>() ?? new AdmissionOptions();
        options.Validate();
        return options;
    }

    public void Validate()
    {
        if (MaxActiveSessions < 0) throw Invalid(nameof(MaxActiveSessions), "must not be negative (0 means no limit)");
        if (MaxNewSessionsPerSecond < 0 || double.IsNaN(MaxNewSessionsPerSecond)) throw Invalid(nameof(MaxNewSessionsPerSecond), "must not be negative (0 means no limit)");
        if (NewSessionsBurst < 0) throw Invalid(nameof(NewSessionsBurst), "must not be negative");
        if (RetryAfterSeconds is < 1 or > 3600) throw Invalid(nameof(RetryAfterSeconds), "must be between 1 and 3600");
    }

    private static InvalidOperationException Invalid(string key, string problem) => new($"Configuration '{SectionName}:{key}' {problem}.");
}
