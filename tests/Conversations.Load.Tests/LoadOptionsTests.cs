namespace Conversations.Load.Tests;

public sealed class LoadOptionsTests
{
    [Fact]
    public void Parse_TheProtocolCommandLine_ReadsEveryOption()
    {
        LoadOptions options = LoadOptions.Parse(
            ["--url", "http://127.0.0.1:5080", "--scenario", "load/scenarios/peak-sale.json", "--customers", "5000", "--agents", "200", "--duration", "60", "--out", "DIR"]);

        Assert.Equal(new Uri("http://127.0.0.1:5080"), options.Url);
        Assert.Equal(5000, options.Customers);
        Assert.Equal(200, options.Agents);
        Assert.Equal(60, options.DurationSeconds);
        Assert.Equal("DIR", options.OutDirectory);
        Assert.Equal(1, options.EffectiveWorkers);
    }

    [Fact]
    public void Parse_RateMax_SelectsSaturation()
    {
        Assert.True(LoadOptions.Parse(["--rate", "max"]).MaxRate);
        Assert.Equal(250, LoadOptions.Parse(["--rate", "250"]).Rate);
    }

    [Theory]
    [InlineData("http://10.0.0.5:5080")]
    [InlineData("http://example.com")]
    public void Parse_ANonLoopbackUrl_IsRefused(string url)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--url", url]));

        Assert.Contains("must point at this machine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WarmUp_ReadsSeconds_AndRefusesNoneOrWorkerProcesses()
    {
        Assert.Equal(45, LoadOptions.Parse(["--warm-up", "45"]).WarmUpSeconds);
        Assert.Equal(0, LoadOptions.Parse([]).WarmUpSeconds);

        Assert.Contains("--warm-up", Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--warm-up", "0"])).Message, StringComparison.Ordinal);
        ArgumentException sharded = Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--warm-up", "30", "--customers", "40000"]));
        Assert.Contains("worker processes", sharded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MoreThanOneProcessHolds_ShardsOverWorkers()
    {
        Assert.Equal(3, LoadOptions.Parse(["--customers", "40000"]).EffectiveWorkers);
    }

    [Fact]
    public void ToWorkerArguments_SplitsCustomersAndOffsetsIds()
    {
        LoadOptions options = LoadOptions.Parse(["--customers", "10", "--agents", "3"]);

        LoadOptions second = LoadOptions.Parse([.. options.ToWorkerArguments(1, 3, "/tmp/w1", 100)]);

        Assert.Equal(3, second.Customers);
        Assert.Equal(4, second.CustomerOffset);
        Assert.Equal(1, second.Agents);
        Assert.Equal(1, second.WorkerIndex);
        Assert.Equal(100, second.Rate);
    }

    [Fact]
    public void Parse_AnUnknownOption_SaysWhich()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--custmers", "5"]));

        Assert.Contains("--custmers", error.Message, StringComparison.Ordinal);
    }
}
