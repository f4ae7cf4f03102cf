using System.Collections.Concurrent;

namespace Conversations.Server.Metrics.Internal;

/// <summary>
/// The series of one instrument, one per distinct tag set; untagged measurements take a lock-free fast path.
/// Past <see cref="MaxSeries"/> tag sets, further ones share an overflow series instead of growing without bound.
/// </summary>
internal sealed class SeriesTable<TSeries> where TSeries : class
{
    public const int MaxSeries = 1000;
    private static readonly IReadOnlyList<KeyValuePair<string, string>> s_noLabels = [];
    private static readonly IReadOnlyList<KeyValuePair<string, string>> s_overflowLabels = [new("otel_metric_overflow", "true")];

    private readonly Func<TSeries> _create;
    private readonly ConcurrentDictionary<string, (IReadOnlyList<KeyValuePair<string, string>> Labels, TSeries Series)> _tagged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TSeries> _byRawTags = new(StringComparer.Ordinal);
    private TSeries? _untagged;

    public SeriesTable(Func<TSeries> create)
    {
        _create = create;
    }

    public TSeries Get(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Volatile.Read(ref _untagged) ?? Interlocked.CompareExchange(ref _untagged, _create(), null) ?? _untagged!;
        }

        // Measurements repeat a handful of tag sets: find the series by the tags as given before building sorted labels.
        var raw = RawKey(tags);
        if (_byRawTags.TryGetValue(raw, out var seen)) return seen;
        var series = Find(tags);
        if (_byRawTags.Count < MaxSeries) _byRawTags.TryAdd(raw, series);
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

    private static string RawKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 1) return string.Concat(tags[0].Key, "\u001e", PrometheusNames.LabelValue(tags[0].Value));
        var parts = new string[tags.Length * 2];
        for (var i = 0; i < tags.Length; i++)
        {
            parts[2 * i] = tags[i].Key;
            parts[(2 * i) + 1] = PrometheusNames.LabelValue(tags[i].Value);
        }

        return string.Join('\u001e', parts);
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
