namespace Conversations.Runtime;

/// <summary>Settings of the actor runtime (configuration section <c>Conversations:Runtime</c>).</summary>
public sealed class RuntimeOptions
{
    public const string SectionName = "Conversations:Runtime";

    /// <summary>Identifies the cluster's durable data (reminders) across restarts.</summary>
    public string ServiceId { get; set; } = "conversations";

    /// <summary>Default deadline of a grain call.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Default idle time after which an activation is collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for; collection ages are rounded up to it.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Shortest reminder period allowed.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Calls allowed to wait in one activation's queue before new ones are refused as overloaded (0 = no limit).</summary>
    public int MaxQueuedPerActivation { get; set; }

    /// <summary>Throws with the offending key named when a value is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ServiceId)) throw Invalid(nameof(ServiceId), "must not be empty");
        if (ResponseTimeout <= TimeSpan.Zero) throw Invalid(nameof(ResponseTimeout), "must be positive");
        if (CollectionQuantum <= TimeSpan.Zero) throw Invalid(nameof(CollectionQuantum), "must be positive");
        if (CollectionAge < CollectionQuantum) throw Invalid(nameof(CollectionAge), "must be at least CollectionQuantum");
        if (MinimumReminderPeriod < TimeSpan.FromMilliseconds(100)) throw Invalid(nameof(MinimumReminderPeriod), "must be at least 100 ms");
        if (MaxQueuedPerActivation < 0) throw Invalid(nameof(MaxQueuedPerActivation), "must not be negative");
    }

    private static ArgumentException Invalid(string key, string problem) =>
        new($"Configuration '{SectionName}:{key}' {problem}.", key);
}
