using System.Collections.Concurrent;
using System.Globalization;

namespace Conversations.Server.Metrics.Internal;

/// <summary>
/// The series of one instrument, one per distinct tag set; untagged measurements take a lock-free fast path.
/// Past <see cref="MaxSeries"/> tag sets, further ones share an overflow series instead of growing without bound.
/// </summary>
internal sealed class SeriesTable<TSeries> where TSeries : class
{
    public const int MaxSeries = 1000;
    private const string RawSeparator = "\u001e";
    private static readonly IReadOnlyList<KeyValuePair<string, string>> s_noLabels = [];
    private static readonly IReadOnlyList<KeyValuePair<string, string>> s_overflowLabels = [new("otel_metric_overflow", "true")];

    private readonly Func<TSeries> _create;
    private readonly ConcurrentDictionary<string, (IReadOnlyList<KeyValuePair<string, string>> Labels, TSeries Series)> _tagged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TSeries> _byRawTags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TSeries>.AlternateLookup<ReadOnlySpan<char>> _byRawTagsLookup;
    private TSeries? _untagged;

    public SeriesTable(Func<TSeries> create)
    {
        _create = create;
        _byRawTagsLookup = _byRawTags.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public TSeries Get(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Volatile.Read(ref _untagged) ?? Interlocked.CompareExchange(ref _untagged, _create(), null) ?? _untagged!;
        }

        // Measurements repeat a handful of tag sets: find the series by the tags as given, written into a stack
        // buffer (no allocation per measurement), before building sorted labels.
        Span<char> buffer = stackalloc char[256];
        if (!TryWriteRawKey(tags, buffer, out var length)) return Find(tags);
        var raw = buffer[..length];
        if (_byRawTagsLookup.TryGetValue(raw, out var seen)) return seen;
        var series = Find(tags);
        if (_byRawTags.Count < MaxSeries) _byRawTags.TryAdd(raw.ToString(), series);
        return series;
    }

    public IEnumerable<(IReadOnlyList<KeyValuePair<string, string>> Labels, TSeries Series)> All()
    {
        if (Volatile.Read(ref _untagged) is { } untagged) yield return (s_noLabels, untagged);
        foreach (var entry in _tagged.Values.OrderBy(static e => string.Join(',', e.Labels.Select(static l => l.Key + "=" + l.Value)), StringComparer.Ordinal))
        {
            yield return entry;
        }
    }

    private static bool TryWriteRawKey(ReadOnlySpan<KeyValuePair<string, object?>> tags, Span<char> buffer, out int length)
    {
        length = 0;
        foreach (var (key, value) in tags)
        {
            if (!TryAppend(buffer, ref length, key) || !TryAppend(buffer, ref length, RawSeparator)) return false;
            if (!TryAppendValue(buffer, ref length, value) || !TryAppend(buffer, ref length, RawSeparator)) return false;
        }

        return true;
    }

    private static bool TryAppendValue(Span<char> buffer, ref int length, object? value)
    {
        if (value is not ISpanFormattable formattable) return TryAppend(buffer, ref length, PrometheusNames.LabelValue(value));
        if (!formattable.TryFormat(buffer[length..], out var written, default, CultureInfo.InvariantCulture)) return false;
        length += written;
        return true;
    }

    private static bool TryAppend(Span<char> buffer, ref int length, string text)
    {
        if (!text.TryCopyTo(buffer[length..])) return false;
        length += text.Length;
        return true;
    }

    private TSeries Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++) labels[i] = new(PrometheusNames.SanitizeLabel(tags[i].Key), PrometheusNames.LabelValue(tags[i].Value));
        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = string.Join('\u001f', labels.Select(static l => l.Key + "=" + l.Value));
        if (_tagged.TryGetValue(key, out var existing)) return existing.Series;
        if (_tagged.Count >= MaxSeries) return _tagged.GetOrAdd("\u0000overflow", _ => (s_overflowLabels, _create())).Series;
        return _tagged.GetOrAdd(key, _ => (labels, _create())).Series;
    }
}
