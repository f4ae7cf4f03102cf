namespace Conversations.Runtime;

/// <summary>The grain keeps no identity-bound state: each silo may run up to <see cref="MaxLocalWorkers"/> activations of one key, placed locally.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StatelessWorkerAttribute : Attribute
{
    public StatelessWorkerAttribute(int maxLocalWorkers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLocalWorkers);
        MaxLocalWorkers = maxLocalWorkers == 0 ? Environment.ProcessorCount : maxLocalWorkers;
    }

    public int MaxLocalWorkers { get; }
}
