using Conversations.Load.Measurement;

namespace Conversations.Load.Tests.Measurement;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_OfUniformValues_AreWithinTwoPercent()
    {
        var histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++)
        {
            histogram.RecordMilliseconds(ms);
        }

        Assert.InRange(histogram.PercentileMilliseconds(50), 500 * 0.98, 500 * 1.02);
        Assert.InRange(histogram.PercentileMilliseconds(95), 950 * 0.98, 950 * 1.02);
        Assert.InRange(histogram.PercentileMilliseconds(99), 990 * 0.98, 990 * 1.02);
        Assert.Equal(1000, histogram.MaxMilliseconds);
        Assert.Equal(1000, histogram.Count);
    }

    [Fact]
    public void Percentiles_OfSmallValues_AreExact()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMicroseconds(40);
        histogram.RecordMicroseconds(80);

        Assert.Equal(0.04, histogram.PercentileMilliseconds(50));
        Assert.Equal(0.08, histogram.PercentileMilliseconds(100));
    }

    [Fact]
    public void Percentile_NeverExceedsTheLargestValue()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMilliseconds(12.345);

        Assert.Equal(12.345, histogram.PercentileMilliseconds(99.9));
    }

    [Fact]
    public void Empty_ReportsZeros()
    {
        LatencySummary summary = new LatencyHistogram().Summarize();

        Assert.Equal(new LatencySummary(0, 0, 0, 0, 0, 0), summary);
    }

    [Fact]
    public void Buckets_CoverEveryValueWithBoundedRelativeError()
    {
        for (long v = 0; v < 1L << 36; v = (v * 5 / 4) + 1)
        {
            int index = LatencyHistogram.IndexOf(v);
            long upper = LatencyHistogram.UpperBoundOf(index);
            Assert.True(upper >= v, $"{v} lands in a bucket ending at {upper}");
            Assert.True(upper - v <= Math.Max(0, v / 64.0), $"{v} → {upper} is more than 1/64 off");
        }
    }

    [Fact]
    public void Add_MergesCountsAndMax()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.RecordMilliseconds(1);
        b.RecordMilliseconds(100);
        b.RecordMilliseconds(100);

        a.Add(b);

        Assert.Equal(3, a.Count);
        Assert.Equal(100, a.MaxMilliseconds);
        Assert.InRange(a.PercentileMilliseconds(50), 98, 100);
    }

    [Fact]
    public void Snapshot_RoundTripsThroughFromSnapshot()
    {
        var histogram = new LatencyHistogram();
        foreach (double ms in new[] { 0.3, 2, 2, 17, 250 })
        {
            histogram.RecordMilliseconds(ms);
        }

        LatencyHistogram copy = LatencyHistogram.FromSnapshot(histogram.Snapshot());

        Assert.Equal(histogram.Summarize(), copy.Summarize());
    }

    [Fact]
    public async Task Record_FromManyThreads_CountsEveryValue()
    {
        var histogram = new LatencyHistogram();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                histogram.RecordMicroseconds(i);
            }
        })));

        Assert.Equal(80_000, histogram.Count);
    }
}
