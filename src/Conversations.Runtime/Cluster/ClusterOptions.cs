namespace Conversations.Runtime.Cluster;

/// <summary>
/// Settings of a clustered silo (configuration section <c>Conversations:Cluster</c>). The failure-detection
/// defaults declare a killed silo dead in about 3 s (at most 5 s): probes every second, two misses
/// make a suspicion, two voters (one in a two-silo cluster) make a death; each silo probes three others.
/// </summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Conversations:Cluster";

    /// <summary>Silos with the same id form one cluster (rows in the membership table are scoped by it).</summary>
    public string Id { get; set; } = "conversations";

    /// <summary>Membership provider: <c>single</c> (no cluster) or <c>postgres</c>.</summary>
    public string Membership { get; set; } = "single";

    /// <summary>Address other silos reach this one at.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo TCP port; 0 picks a free port (tests).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>How often each silo probes its <see cref="ProbedSilos"/> peers, refreshes its view and writes its heartbeat.</summary>
    public TimeSpan ProbePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a probe may take before it counts as missed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive missed probes after which a silo votes its peer suspect.</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>Fresh suspicions from different silos that declare a silo dead (fewer when fewer silos could vote).</summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>How long a suspicion counts; a silo whose heartbeat is older than this cannot vote and is not waited for when joining.</summary>
    public TimeSpan SuspicionWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many peers each silo probes (Orleans' NumProbedSilos): its successors on a ring ordered by a hash of the
    /// silo address, so every silo is watched by this many others; with fewer silos, each probes all the others.
    /// </summary>
    public int ProbedSilos { get; set; } = 3;

    /// <summary>
    /// How long a joining silo waits for every active silo to answer its probes (or be declared dead by the others)
    /// before it gives up, marks itself dead and fails to start. Longer than <see cref="SuspicionWindow"/> by default,
    /// so a silo that crashed just before is declared dead, or its heartbeat goes stale, within the wait.
    /// </summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a shutting-down silo waits for the others to see it leave before it drains.</summary>
    public TimeSpan DrainGrace { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Requests allowed to wait in the send queue to one silo before callers get <see cref="GrainOverloadedException"/>.</summary>
    public int MaxSendQueue { get; set; } = 50_000;

    /// <summary>Throws with the offending key named when a value is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Id)) throw Invalid(nameof(Id), "must not be empty");
        if (string.IsNullOrWhiteSpace(Host)) throw Invalid(nameof(Host), "must not be empty");
        if (SiloPort is < 0 or > 65535) throw Invalid(nameof(SiloPort), "must be a TCP port (0 to 65535)");
        if (ProbePeriod < TimeSpan.FromMilliseconds(50)) throw Invalid(nameof(ProbePeriod), "must be at least 50 ms");
        if (ProbeTimeout <= TimeSpan.Zero) throw Invalid(nameof(ProbeTimeout), "must be positive");
        if (MissedProbesLimit < 1) throw Invalid(nameof(MissedProbesLimit), "must be at least 1");
        if (VotesForDeath < 1) throw Invalid(nameof(VotesForDeath), "must be at least 1");
        if (SuspicionWindow < ProbePeriod) throw Invalid(nameof(SuspicionWindow), "must be at least ProbePeriod");
        // Fewer watchers than votes needed would leave a dead silo undeclared in a large cluster.
        if (ProbedSilos < VotesForDeath) throw Invalid(nameof(ProbedSilos), "must be at least VotesForDeath");
        if (JoinTimeout < ProbePeriod) throw Invalid(nameof(JoinTimeout), "must be at least ProbePeriod");
        if (DrainGrace < TimeSpan.Zero) throw Invalid(nameof(DrainGrace), "must not be negative");
        if (MaxSendQueue < 1) throw Invalid(nameof(MaxSendQueue), "must be at least 1");
    }

    private static ArgumentException Invalid(string key, string problem) =>
        new($"Configuration '{SectionName}:{key}' {problem}.", key);
}
