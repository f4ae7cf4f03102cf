namespace Conversations.Abstractions.Queues;

/// <summary>
/// Queue names are <c>&lt;skill&gt;:&lt;language&gt;</c> (PROTOCOL.md); each queue is split into shards,
/// grains keyed <c>&lt;skill&gt;:&lt;language&gt;#&lt;n&gt;</c>, so no single grain is the hot spot at a peak.
/// </summary>
public static class QueueNames
{
    public static readonly IReadOnlyList<string> Skills = ["presales", "aftersales", "complaints", "general"];
    public static readonly IReadOnlyList<string> Languages = ["zh", "en"];

    public static string Of(string skill, string language) => $"{skill}:{language}";

    public static bool TryParse(string? queue, out string skill, out string language)
    {
        skill = language = string.Empty;
        if (string.IsNullOrEmpty(queue)) return false;
        var colon = queue.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == queue.Length - 1) return false;
        skill = queue[..colon];
        language = queue[(colon + 1)..];
        return Skills.Contains(skill) && Languages.Contains(language);
    }

    /// <summary>The grain key of shard <paramref name="shard"/> of <paramref name="queue"/>.</summary>
    public static string ShardKey(string queue, int shard) => $"{queue}#{shard}";

    /// <summary>The shard a session waits in: a stable hash of its id.</summary>
    public static int ShardOf(string sessionId, int shardCount)
    {
        uint hash = 2166136261;
        foreach (var c in sessionId) hash = (hash ^ c) * 16777619;
        return (int)(hash % (uint)shardCount);
    }

    /// <summary>The queue a shard key belongs to.</summary>
    public static string QueueOfShard(string shardKey)
    {
        var hash = shardKey.LastIndexOf('#');
        return hash < 0 ? shardKey : shardKey[..hash];
    }
}
