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
}
