namespace Conversations.Bot.Internal;

/// <summary>An immutable sparse feature vector kept for training.</summary>
internal sealed class SparseVector(int[] indices, float[] values)
{
    public ReadOnlySpan<int> Indices => indices;

    public ReadOnlySpan<float> Values => values;
}
