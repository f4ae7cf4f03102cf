using Conversations.Runtime.Cluster;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>Cluster settings that cannot work are refused at start, naming the key.</summary>
public sealed class ClusterOptionsTests
{
    [Fact]
    public void Validate_WithFewerProbedSilosThanVotesForDeath_NamesTheKey()
    {
        var options = new ClusterOptions { ProbedSilos = 1, VotesForDeath = 2 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Conversations:Cluster:ProbedSilos", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WithAJoinTimeoutShorterThanAProbePeriod_NamesTheKey()
    {
        var options = new ClusterOptions { JoinTimeout = TimeSpan.FromMilliseconds(500) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Conversations:Cluster:JoinTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreValid_AndWaitLongerThanASuspicionLasts()
    {
        var options = new ClusterOptions();

        options.Validate();

        Assert.True(options.JoinTimeout > options.SuspicionWindow);
        Assert.True(options.ProbedSilos >= options.VotesForDeath);
    }
}
