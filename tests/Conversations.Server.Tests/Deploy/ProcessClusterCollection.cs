namespace Conversations.Server.Tests.Deploy;

/// <summary>Tests that start server processes: run alone, so the other tests' load does not stretch their deadlines.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessClusterCollection
{
    public const string Name = "Process cluster";
}
