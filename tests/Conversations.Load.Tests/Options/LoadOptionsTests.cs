using System.Net;

namespace Conversations.Load.Tests.Options;

public sealed class LoadOptionsTests
{
    [Fact]
    public void SourceAddresses_AreTheLoopbackAddressesFromOne_AndReachTheWorkers()
    {
        LoadOptions options = LoadOptions.Parse(["--source-addresses", "3", "--customers", "40000"]);

        Assert.Equal([IPAddress.Parse("127.0.0.1"), IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")], options.LocalAddresses);
        IReadOnlyList<string> worker = options.ToWorkerArguments(1, options.EffectiveWorkers, "out", null);
        Assert.Equal("3", worker[worker.ToList().IndexOf("--source-addresses") + 1]);
    }

    [Fact]
    public void OneSourceAddress_LeavesTheChoiceToTheSystem()
    {
        Assert.Empty(LoadOptions.Parse([]).LocalAddresses);
    }

    [Fact]
    public void SourceAddresses_WithAHostName_AreRefusedWithTheReason()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--url", "http://localhost:5080", "--source-addresses", "2"]));

        Assert.Contains("IPv4 loopback", error.Message, StringComparison.Ordinal);
    }
}
