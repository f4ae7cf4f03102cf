namespace Conversations.Server.Hubs;

/// <summary>Per-connection limits on hub calls (configuration section <c>Conversations:RateLimits</c>); beyond them calls fail with E_RATE_LIMITED.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Conversations:RateLimits";

    /// <summary>Hub calls per second one connection may make on average (fractions allowed).</summary>
    public double MessagesPerSecond { get; set; } = 10;

    /// <summary>Calls one connection may make at once above the average.</summary>
    public int Burst { get; set; } = 20;

    public static RateLimitOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        options.Validate();
        return options;
    }

    public void Validate()
    {
        if (!(MessagesPerSecond > 0) || MessagesPerSecond > 100_000) throw Invalid(nameof(MessagesPerSecond), "must be greater than 0 and at most 100000");
        if (Burst is < 1 or > 100_000) throw Invalid(nameof(Burst), "must be between 1 and 100000");
    }

    private static InvalidOperationException Invalid(string key, string problem) => new($"Configuration '{SectionName}:{key}' {problem}.");
}
