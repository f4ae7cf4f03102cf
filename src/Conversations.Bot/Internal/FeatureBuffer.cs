namespace Conversations.Bot.Internal;

/// <summary>
/// A growable scratch list of (index, value) pairs that becomes a sorted, merged, L2-normalised
/// sparse vector. One instance per thread is reused so analysis allocates nothing here.
/// </summary>
internal sealed class FeatureBuffer
{
    [ThreadStatic]
    private static FeatureBuffer? t_current;

    private int[] _indices = new int[256];
    private float[] _values = new float[256];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Count);

    public ReadOnlySpan<float> Values => _values.AsSpan(0, Count);

    public static FeatureBuffer ForCurrentThread() => t_current ??= new FeatureBuffer();

    public void Clear() => Count = 0;

    public void Add(int index, float value)
    {
        if (Count == _indices.Length)
        {
            Array.Resize(ref _indices, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }

        _indices[Count] = index;
        _values[Count] = value;
        Count++;
    }

    /// <summary>Sorts by index, sums duplicates, damps repeated tokens and scales to unit length.</summary>
    public void Seal()
    {
        Merge();
        if (Count == 0)
        {
            return;
        }

        var values = _values.AsSpan(0, Count);
        var sumOfSquares = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            // A token repeated ten times is not ten times the evidence.
            var v = values[i] > 1f ? 1f + MathF.Log(values[i]) : values[i];
            values[i] = v;
            sumOfSquares += v * v;
        }

        var scale = (float)(1.0 / Math.Sqrt(sumOfSquares));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= scale;
        }
    }

    /// <summary>Sorts by index and sums the values of duplicate indices.</summary>
    public void Merge()
    {
        if (Count == 0)
        {
            return;
        }

        var indices = _indices.AsSpan(0, Count);
        var values = _values.AsSpan(0, Count);
        indices.Sort(values);

        var write = 0;
        for (var read = 0; read < indices.Length; read++)
        {
            if (write > 0 && indices[write - 1] == indices[read])
            {
                values[write - 1] += values[read];
            }
            else
            {
                indices[write] = indices[read];
                values[write] = values[read];
                write++;
            }
        }

        Count = write;
    }

    public SparseVector ToSparseVector() => new(Indices.ToArray(), Values.ToArray());
}
