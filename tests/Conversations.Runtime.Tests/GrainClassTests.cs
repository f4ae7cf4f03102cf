using Conversations.Runtime.Tests.Grains;
using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests;

/// <summary>What a silo refuses to host, and the message that says why.</summary>
public sealed class GrainClassTests
{
    [Theory]
    [InlineData(typeof(Refused<int>.ZeroAgeGrain), "00:00:00")]
    [InlineData(typeof(Refused<int>.NegativeAgeGrain), "-00:00:30")]
    public async Task CollectionAgeLimit_NotPositive_IsRefused_NamingTheClassAndTheAge(Type grainClass, string age)
    {
        var refusal = Assert.IsType<InvalidOperationException>(await Clusters.RefusalOf(grainClass));

        Assert.Contains(grainClass.FullName!, refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"[CollectionAgeLimit] of {age}", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("must be positive", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersistentState_OnAParameterThatIsNotIPersistentState_IsRefused()
    {
        var refusal = Assert.IsType<ArgumentException>(await Clusters.RefusalOf(typeof(Refused<int>.PlainStateParameterGrain)));

        Assert.Contains("PlainStateParameterGrain: parameter 'state' has [PersistentState] but is not IPersistentState<T>", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersistentState_NamingAStoreThatIsNotRegistered_IsRefused()
    {
        var refusal = Assert.IsType<InvalidOperationException>(await Clusters.RefusalOf(typeof(Refused<int>.UnknownStoreGrain)));

        Assert.Contains("UnknownStoreGrain uses grain storage 'nowhere' but none is registered under that name", refusal.Message, StringComparison.Ordinal);
    }
}
