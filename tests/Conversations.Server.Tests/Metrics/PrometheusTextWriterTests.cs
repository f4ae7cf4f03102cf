using Conversations.Server.Metrics;

namespace Conversations.Server.Tests.Metrics;

public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void Format_WritesHelpTypeAndSamples()
    {
        var text = PrometheusTextWriter.Format(
        [
            new MetricFamily("requests_total", MetricKind.Counter, "Requests served.", [new MetricSample("requests_total", [new("method", "get")], 42)]),
            new MetricFamily("queue_depth", MetricKind.Gauge, null, [new MetricSample("queue_depth", [], 3.5)]),
        ]);

        Assert.Equal(
            "# HELP requests_total Requests served.\n# TYPE requests_total counter\nrequests_total{method=\"get\"} 42\n"
            + "# TYPE queue_depth gauge\nqueue_depth 3.5\n",
            text);
    }

    [Fact]
    public void Format_EscapesLabelValuesAndHelp()
    {
        var text = PrometheusTextWriter.Format(
        [
            new MetricFamily("x", MetricKind.Gauge, "line one\nback\\slash", [new MetricSample("x", [new("path", "a\"b\\c\nd")], 1)]),
        ]);

        Assert.Contains("# HELP x line one\\nback\\\\slash\n", text, StringComparison.Ordinal);
        Assert.Contains("x{path=\"a\\\"b\\\\c\\nd\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_SanitisesNamesAndLabels()
    {
        var text = PrometheusTextWriter.Format(
        [
            new MetricFamily("9lives.per-cat", MetricKind.Gauge, null, [new MetricSample("9lives.per-cat", [new("cat.name", "tom")], 9)]),
        ]);

        Assert.Equal("# TYPE _9lives_per_cat gauge\n_9lives_per_cat{cat_name=\"tom\"} 9\n", text);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(-2, "-2")]
    public void FormatValue_UsesPrometheusSpellings(double value, string expected) =>
        Assert.Equal(expected, PrometheusNames.FormatValue(value));

    [Theory]
    [InlineData("conversations.runtime.calls", null, MetricKind.Counter, "conversations_runtime_calls_total")]
    [InlineData("conversations.runtime.call.duration", "ms", MetricKind.Histogram, "conversations_runtime_call_duration_milliseconds")]
    [InlineData("conversations.handle_time", "s", MetricKind.Histogram, "conversations_handle_time_seconds")]
    [InlineData("conversations.queued", "{session}", MetricKind.Gauge, "conversations_queued")]
    [InlineData("bytes_total", "By", MetricKind.Counter, "bytes_total_bytes_total")]
    [InlineData("already_total", null, MetricKind.Counter, "already_total")]
    public void MetricName_AddsUnitAndCounterSuffixes(string instrument, string? unit, MetricKind kind, string expected) =>
        Assert.Equal(expected, PrometheusNames.MetricName(instrument, unit, kind));
}
