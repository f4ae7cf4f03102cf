using System.Globalization;
using System.Text;

namespace Conversations.Server.Metrics;

/// <summary>Turns OpenTelemetry-style instrument names, units and tags into valid Prometheus names and values.</summary>
public static class PrometheusNames
{
    /// <summary>A valid metric name (<c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>): anything else becomes <c>_</c>.</summary>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0) return "_";
        var builder = new StringBuilder(name.Length + 1);
        if (!IsNameStart(name[0]) && IsNameChar(name[0])) builder.Append('_');
        foreach (var c in name) builder.Append(IsNameChar(c) ? c : '_');
        return builder.ToString();
    }

    /// <summary>A valid label name (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>).</summary>
    public static string SanitizeLabel(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0) return "_";
        var builder = new StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0])) builder.Append('_');
        foreach (var c in name) builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return builder.ToString();
    }

    /// <summary>
    /// The exposed name of an instrument: sanitised, with its unit spelled out (<c>ms</c> → <c>_milliseconds</c>,
    /// <c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>) and <c>_total</c> after counters.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, MetricKind kind)
    {
        var name = Sanitize(instrumentName);
        if (UnitSuffix(unit) is { } suffix && !name.EndsWith("_" + suffix, StringComparison.Ordinal)) name += "_" + suffix;
        if (kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal)) name += "_total";
        return name;
    }

    /// <summary>A tag value as label text: booleans lower-case, numbers in invariant culture.</summary>
    public static string LabelValue(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A sample value: shortest round-trip form, with Prometheus' spellings of infinities and NaN.</summary>
    public static string FormatValue(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string? UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => null,
        "ms" => "milliseconds",
        "s" => "seconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "min" => "minutes",
        "h" => "hours",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        _ when unit.StartsWith('{') => null,
        _ => Sanitize(unit).Trim('_') is { Length: > 0 } clean ? clean : null,
    };

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';
}
