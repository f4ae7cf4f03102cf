namespace Conversations.Bot.Tests.Fixtures;

/// <summary>Tests in this collection share one <see cref="EmbeddedModelFixture"/> (training takes a couple of seconds).</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedModelCollection : ICollectionFixture<EmbeddedModelFixture>
{
    public const string Name = "embedded model";
}
