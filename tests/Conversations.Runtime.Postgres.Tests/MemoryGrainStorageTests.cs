using Conversations.Runtime.Storage;

namespace Conversations.Runtime.Postgres.Tests;

/// <summary>The conformance suite against the reference provider.</summary>
public sealed class MemoryGrainStorageTests : GrainStorageConformanceTests
{
    protected override IGrainStorage Storage { get; } = new MemoryGrainStorage(Serializer);
}
