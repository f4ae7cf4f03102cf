namespace Conversations.Bot.Internal;

/// <summary>Allocation-free 32-bit hashing of character sequences for feature hashing and retrieval terms.</summary>
internal static class FeatureHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Start(TokenKind kind) => (OffsetBasis ^ ((uint)kind * 0x9E3779B9u)) * Prime;

    public static uint Append(uint hash, ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }

    public static uint Append(uint hash, char c) => (hash ^ c) * Prime;

    // FNV alone mixes the high bits poorly; the murmur finaliser makes masking to the low bits safe.
    public static uint Finish(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return hash;
    }

    public static uint Of(TokenKind kind, ReadOnlySpan<char> chars) => Finish(Append(Start(kind), chars));

    public static uint Of(TokenKind kind, ReadOnlySpan<char> first, ReadOnlySpan<char> second) =>
        Finish(Append(Append(Append(Start(kind), first), ' '), second));

    /// <summary>A hash that stays the same across processes and .NET versions (string.GetHashCode does not).</summary>
    public static uint Stable(ReadOnlySpan<char> text, uint salt)
    {
        var hash = (OffsetBasis ^ salt) * Prime;
        return Finish(Append(hash, text));
    }
}
