namespace Conversations.Bot.Internal;

/// <summary>The weighted retrieval terms of one text, sorted by term for binary search.</summary>
internal sealed class TermBag(uint[] terms, float[] weights)
{
    public uint[] Terms { get; } = terms;

    public float[] Weights { get; } = weights;

    public float Length { get; } = weights.Sum();

    public static TermBag From(FeatureBuffer merged)
    {
        var terms = new uint[merged.Count];
        var weights = merged.Values.ToArray();
        var indices = merged.Indices;
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = (uint)indices[i];
        }

        // The buffer sorted signed ints; re-sort as unsigned for Array.BinarySearch on uint.
        Array.Sort(terms, weights);
        return new TermBag(terms, weights);
    }

    public bool Contains(uint term) => Array.BinarySearch(Terms, term) >= 0;
}
