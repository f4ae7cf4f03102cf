using System.Globalization;

namespace Conversations.Runtime.Cluster;

/// <summary>Where a silo listens for other silos, and which incarnation of it this is.</summary>
public readonly record struct SiloAddress(string Host, int Port, long Generation)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}@{Generation}");

    public static SiloAddress Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var at = value.LastIndexOf('@');
        var colon = value.LastIndexOf(':', at < 0 ? value.Length - 1 : at);
        if (at < 0 || colon < 0) throw new FormatException($"'{value}' is not a silo address of the form host:port@generation.");
        return new SiloAddress(
            value[..colon],
            int.Parse(value.AsSpan(colon + 1, at - colon - 1), CultureInfo.InvariantCulture),
            long.Parse(value.AsSpan(at + 1), CultureInfo.InvariantCulture));
    }

    /// <summary>A stable hash for rendezvous placement.</summary>
    public uint StableHash() => new GrainId("silo", ToString()).StableHash();
}
