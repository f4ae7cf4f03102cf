namespace Conversations.Runtime;

/// <summary>The identity of a grain: its type name and its key.</summary>
public readonly record struct GrainId
{
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        Key = key;
    }

    public string Type { get; }

    public string Key { get; }

    /// <summary>A hash that is the same on every silo and every run (placement and reminder ranges use it).</summary>
    public uint StableHash()
    {
        // FNV-1a over the UTF-16 code units of "type/key": stable across processes, unlike string.GetHashCode.
        uint hash = 2166136261;
        foreach (var c in Type) hash = (hash ^ c) * 16777619;
        hash = (hash ^ '/') * 16777619;
        foreach (var c in Key) hash = (hash ^ c) * 16777619;
        // Final avalanche so that keys differing in the last character spread over the ring.
        hash ^= hash >> 15;
        hash *= 0x2c1b3c6d;
        hash ^= hash >> 12;
        return hash;
    }

    public override string ToString() => $"{Type}/{Key}";

    /// <summary>Parses the form produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0) throw new FormatException($"'{value}' is not a grain id of the form type/key.");
        return new GrainId(value[..slash], value[(slash + 1)..]);
    }
}
