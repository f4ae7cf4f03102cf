namespace Conversations.Server.Tests.Support;

/// <summary>
/// Tests of in-process clusters that rely on real-time failure detection: run alone, so that the other tests' load
/// does not starve a silo's probes into a false suspicion.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeClusterCollection
{
    public const string Name = "Real-time cluster";
}
