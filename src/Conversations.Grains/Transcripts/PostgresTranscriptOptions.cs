namespace Conversations.Grains.Transcripts;

/// <summary>Group commit settings of the PostgreSQL transcript store (configuration section <c>Conversations:Transcripts</c>).</summary>
public sealed class PostgresTranscriptOptions
{
    public const string SectionName = "Conversations:Transcripts";

    /// <summary>Most events written by one INSERT.</summary>
    public int MaxBatchEvents { get; set; } = 1000;

    /// <summary>
    /// How long a batch may wait for company while another flush is on the wire. With no flush in
    /// flight a batch goes at once, so a quiet system pays no extra latency.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Appends waiting for a flush before new ones are refused with E_OVERLOADED.</summary>
    public int MaxPendingAppends { get; set; } = 50_000;

    /// <summary>Flushes (connections) writing at the same time.</summary>
    public int MaxConcurrentFlushes { get; set; } = 2;

    public void Validate()
    {
        if (MaxBatchEvents is < 1 or > 20_000) throw Invalid(nameof(MaxBatchEvents), "must be between 1 and 20000");
        if (FlushInterval < TimeSpan.Zero || FlushInterval > TimeSpan.FromSeconds(1)) throw Invalid(nameof(FlushInterval), "must be between 0 and 1 second");
        if (MaxPendingAppends < 1) throw Invalid(nameof(MaxPendingAppends), "must be at least 1");
        if (MaxConcurrentFlushes is < 1 or > 64) throw Invalid(nameof(MaxConcurrentFlushes), "must be between 1 and 64");
    }

    private static ArgumentException Invalid(string key, string problem) => new($"Configuration '{SectionName}:{key}' {problem}.", key);
}
