namespace Conversations.Bot.Tests.Policy;

/// <summary>The policy tests share one trained model and one test cluster (<see cref="ShopBotFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class ShopBotCollection : ICollectionFixture<ShopBotFixture>
{
    public const string Name = "shop bot";
}
