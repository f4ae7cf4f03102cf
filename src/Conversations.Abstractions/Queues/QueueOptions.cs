namespace Conversations.Abstractions.Queues;

/// <summary>Routing settings (configuration section <c>Conversations:Routing</c>).</summary>
public sealed class QueueOptions
{
    public const string SectionName = "Conversations:Routing";

    /// <summary>Shards per queue.</summary>
    public int ShardCount { get; set; } = 8;

    /// <summary>How long an agent has to accept an offer.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Offers an agent may let expire in a row before being set away.</summary>
    public int ExpiredOffersBeforeAway { get; set; } = 2;

    /// <summary>Waiting longer than this moves a session to <c>general:&lt;language&gt;</c> (zero: never).</summary>
    public TimeSpan OverflowAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Seconds one conversation is assumed to take an agent, for the wait estimate until real figures exist.</summary>
    public int DefaultHandleSeconds { get; set; } = 180;

    /// <summary>
    /// Admission control: a shard holding this many waiting sessions refuses new ones (the bot keeps them and says
    /// so); sessions whose SLA is at risk are still taken.
    /// </summary>
    public int MaxWaitingPerShard { get; set; } = 2000;

    /// <summary>
    /// How long a shard collects changes before it writes its state (zero: after every change). At a peak a shard
    /// changes hundreds of times a second; writing each change would serialize the whole waiting list every time.
    /// A crash loses at most this much of the queue's bookkeeping; sessions stay the record of who waits.
    /// </summary>
    public TimeSpan SaveDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a shard with sessions waiting shares a digest of its line with the other shards of its queue, so that
    /// positions and wait estimates count everyone ahead in the whole queue (with one shard there is nothing to share).
    /// A position is at most this stale about the other shards.
    /// </summary>
    public TimeSpan PositionShareInterval { get; set; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        if (ShardCount is < 1 or > 256) throw Invalid(nameof(ShardCount), "must be between 1 and 256");
        if (OfferTimeout < TimeSpan.FromSeconds(1)) throw Invalid(nameof(OfferTimeout), "must be at least 1 second");
        if (ExpiredOffersBeforeAway < 1) throw Invalid(nameof(ExpiredOffersBeforeAway), "must be at least 1");
        if (OverflowAfter < TimeSpan.Zero) throw Invalid(nameof(OverflowAfter), "must not be negative");
        if (DefaultHandleSeconds < 1) throw Invalid(nameof(DefaultHandleSeconds), "must be positive");
        if (MaxWaitingPerShard < 1) throw Invalid(nameof(MaxWaitingPerShard), "must be at least 1");
        if (SaveDelay < TimeSpan.Zero || SaveDelay > TimeSpan.FromSeconds(10)) throw Invalid(nameof(SaveDelay), "must be between 0 and 10 seconds");
        if (PositionShareInterval < TimeSpan.FromSeconds(1) || PositionShareInterval > TimeSpan.FromMinutes(1))
        {
            throw Invalid(nameof(PositionShareInterval), "must be between 1 second and 1 minute");
        }
    }

    private static ArgumentException Invalid(string key, string problem) => new($"Configuration '{SectionName}:{key}' {problem}.", key);
}
