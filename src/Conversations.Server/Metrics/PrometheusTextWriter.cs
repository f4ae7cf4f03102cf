using System.Text;

namespace Conversations.Server.Metrics;

/// <summary>
/// Writes metric families in the Prometheus text exposition format (version 0.0.4): <c># HELP</c> and
/// <c># TYPE</c> per family, then one <c>name{labels} value</c> line per sample, lines ending in <c>\n</c>.
/// </summary>
public static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Format(IEnumerable<MetricFamily> families)
    {
        using var writer = new StringWriter();
        Write(writer, families);
        return writer.ToString();
    }

    public static void Write(TextWriter writer, IEnumerable<MetricFamily> families)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(families);
        foreach (var family in families)
        {
            var name = PrometheusNames.Sanitize(family.Name);
            if (!string.IsNullOrWhiteSpace(family.Help))
            {
                writer.Write("# HELP ");
                writer.Write(name);
                writer.Write(' ');
                writer.Write(EscapeHelp(family.Help));
                writer.Write('\n');
            }

            writer.Write("# TYPE ");
            writer.Write(name);
            writer.Write(' ');
            writer.Write(TypeName(family.Kind));
            writer.Write('\n');
            foreach (var sample in family.Samples) WriteSample(writer, sample);
        }
    }

    private static void WriteSample(TextWriter writer, MetricSample sample)
    {
        writer.Write(PrometheusNames.Sanitize(sample.Name));
        if (sample.Labels.Count > 0)
        {
            writer.Write('{');
            for (var i = 0; i < sample.Labels.Count; i++)
            {
                if (i > 0) writer.Write(',');
                writer.Write(PrometheusNames.SanitizeLabel(sample.Labels[i].Key));
                writer.Write("=\"");
                writer.Write(EscapeLabelValue(sample.Labels[i].Value));
                writer.Write('"');
            }

            writer.Write('}');
        }

        writer.Write(' ');
        writer.Write(PrometheusNames.FormatValue(sample.Value));
        writer.Write('\n');
    }

    private static string TypeName(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Gauge => "gauge",
        MetricKind.Histogram => "histogram",
        _ => "untyped",
    };

    // Help text escapes backslash and newline; label values also escape the double quote.
    private static string EscapeHelp(string text) => Escape(text, escapeQuote: false);

    private static string EscapeLabelValue(string text) => Escape(text, escapeQuote: true);

    private static string Escape(string text, bool escapeQuote)
    {
        if (text.AsSpan().IndexOfAny('\\', '\n', '"') < 0) return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '"' when escapeQuote:
                    builder.Append("\\\"");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
