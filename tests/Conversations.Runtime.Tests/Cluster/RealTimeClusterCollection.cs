namespace Conversations.Runtime.Tests.Cluster;

/// <summary>
/// Tests of silos on the real clock: failure detection reads a probe that is seconds late as a dead silo, so these
/// run alone, not beside other test classes competing for the same cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeClusterCollection
{
    public const string Name = "Real-time clusters";
}
