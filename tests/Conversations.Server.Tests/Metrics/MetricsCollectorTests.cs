using System.Diagnostics.Metrics;
using Conversations.Server.Metrics;

namespace Conversations.Server.Tests.Metrics;

public sealed class MetricsCollectorTests
{
    // A meter with one of the exposed names; each test names its instruments uniquely, as other tests may use it too.
    private const string MeterName = "Conversations.Server";

    [Fact]
    public void Collect_Counter_SumsPerTagSet()
    {
        using var collector = new MetricsCollector();
        using var meter = new Meter(MeterName);
        var counter = meter.CreateCounter<long>("test.collector.requests", description: "Requests.");
        counter.Add(2, new KeyValuePair<string, object?>("code", "E_CONFLICT"));
        counter.Add(3, new KeyValuePair<string, object?>("code", "E_CONFLICT"));
        counter.Add(1);

        var family = Assert.Single(collector.Collect(), f => f.Name == "test_collector_requests_total");

        Assert.Equal(MetricKind.Counter, family.Kind);
        Assert.Equal("Requests.", family.Help);
        Assert.Contains(family.Samples, s => s.Labels.Count == 0 && s.Value == 1);
        Assert.Contains(family.Samples, s => s.Labels.SequenceEqual([new("code", "E_CONFLICT")]) && s.Value == 5);
    }

    [Fact]
    public void Collect_Counter_KeepsTagSetsApart_WhateverTheirValuesTypesAndLengths()
    {
        using var collector = new MetricsCollector();
        using var meter = new Meter(MeterName);
        var counter = meter.CreateCounter<long>("test.collector.mixed");
        var longValue = new string('x', 300); // longer than the lookup's stack buffer
        counter.Add(1, new("shard", 1), new("ok", true));
        counter.Add(1, new("shard", 1), new("ok", true));
        counter.Add(1, new("shard", 11), new("ok", true));
        counter.Add(1, new("shard", 1), new("ok", false));
        counter.Add(1, new KeyValuePair<string, object?>("grain", longValue));
        counter.Add(1, new KeyValuePair<string, object?>("grain", longValue));
        counter.Add(1, new KeyValuePair<string, object?>("grain", longValue[..299]));

        var samples = Assert.Single(collector.Collect(), f => f.Name == "test_collector_mixed_total").Samples;

        Assert.Equal(2, Assert.Single(samples, s => s.Labels.SequenceEqual([new("ok", "true"), new("shard", "1")])).Value);
        Assert.Equal(1, Assert.Single(samples, s => s.Labels.SequenceEqual([new("ok", "true"), new("shard", "11")])).Value);
        Assert.Equal(1, Assert.Single(samples, s => s.Labels.SequenceEqual([new("ok", "false"), new("shard", "1")])).Value);
        Assert.Equal(2, Assert.Single(samples, s => s.Labels.SequenceEqual([new("grain", longValue)])).Value);
        Assert.Equal(1, Assert.Single(samples, s => s.Labels.SequenceEqual([new("grain", longValue[..299])])).Value);
    }

    [Fact]
    public void Collect_Histogram_HasCumulativeBucketsSumAndCount()
    {
        using var collector = new MetricsCollector();
        using var meter = new Meter(MeterName);
        var histogram = meter.CreateHistogram<double>("test.collector.latency", "ms");
        histogram.Record(0.5);
        histogram.Record(7);
        histogram.Record(100_000);

        var family = Assert.Single(collector.Collect(), f => f.Name == "test_collector_latency_milliseconds");
        var buckets = family.Samples.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToList();

        Assert.Equal(MetricKind.Histogram, family.Kind);
        Assert.Equal(1, Bucket(buckets, "1"));
        Assert.Equal(1, Bucket(buckets, "5"));
        Assert.Equal(2, Bucket(buckets, "10"));
        Assert.Equal(2, Bucket(buckets, "30000"));
        Assert.Equal(3, Bucket(buckets, "+Inf"));
        Assert.True(buckets.Zip(buckets.Skip(1)).All(p => p.First.Value <= p.Second.Value), "buckets must be cumulative");
        Assert.Equal(100_007.5, Assert.Single(family.Samples, s => s.Name == "test_collector_latency_milliseconds_sum").Value);
        Assert.Equal(3, Assert.Single(family.Samples, s => s.Name == "test_collector_latency_milliseconds_count").Value);
    }

    [Fact]
    public void Collect_ObservableGaugeAndUpDownCounter_AreGauges()
    {
        using var collector = new MetricsCollector();
        using var meter = new Meter(MeterName);
        var level = 7;
        meter.CreateObservableGauge("test.collector.level", () => level);
        var open = meter.CreateUpDownCounter<int>("test.collector.open");
        open.Add(3);
        open.Add(-1);

        var families = collector.Collect();
        level = 9;
        var later = collector.Collect();

        Assert.Equal(7, Assert.Single(Assert.Single(families, f => f.Name == "test_collector_level").Samples).Value);
        Assert.Equal(9, Assert.Single(Assert.Single(later, f => f.Name == "test_collector_level").Samples).Value);
        var gauge = Assert.Single(families, f => f.Name == "test_collector_open");
        Assert.Equal(MetricKind.Gauge, gauge.Kind);
        Assert.Equal(2, Assert.Single(gauge.Samples).Value);
    }

    [Fact]
    public void Collect_IgnoresOtherMeters()
    {
        using var collector = new MetricsCollector();
        using var meter = new Meter("Somebody.Else");
        meter.CreateCounter<long>("test.collector.foreign").Add(1);

        Assert.DoesNotContain(collector.Collect(), f => f.Name.StartsWith("test_collector_foreign", StringComparison.Ordinal));
    }

    private static double Bucket(IEnumerable<MetricSample> buckets, string le) =>
        Assert.Single(buckets, s => s.Labels.Any(l => l.Key == "le" && l.Value == le)).Value;
}
