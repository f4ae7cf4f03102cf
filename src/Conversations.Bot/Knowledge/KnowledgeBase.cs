using System.Collections.ObjectModel;
using Conversations.Abstractions.Knowledge;
using Conversations.Bot.Entities;
using Conversations.Bot.Internal;
using Conversations.Bot.Text;

namespace Conversations.Bot.Knowledge;

/// <summary>
/// The FAQ store the bot answers from: CRUD plus BM25 search over question variants, tokenised by the
/// same analyser as intent classification, with a boost for entries of the message's intent.
/// Thread-safe: readers work on an immutable snapshot; writers serialise and publish a new one.
/// </summary>
public sealed class KnowledgeBase
{
    private const int MaxIdLength = 128;
    private const int MaxRelated = 5;
    private const int MaxTop = 50;

    private readonly object _writeGate = new();
    private readonly KnowledgeBaseOptions _options;
    private readonly EntityExtractor _extractor;
    private Snapshot _snapshot;

    /// <summary>Creates an empty knowledge base.</summary>
    public KnowledgeBase(KnowledgeBaseOptions? options = null, EntityExtractor? extractor = null)
    {
        _options = options ?? new KnowledgeBaseOptions();
        _options.Validate();
        _extractor = extractor ?? EntityExtractor.Default;
        _snapshot = new Snapshot(new Dictionary<string, IndexedEntry>(StringComparer.Ordinal), new Dictionary<string, Bm25Index>(StringComparer.Ordinal));
    }

    /// <summary>Number of entries.</summary>
    public int Count => Volatile.Read(ref _snapshot).Entries.Count;

    /// <summary>Adds or replaces the entry with the same id.</summary>
    /// <exception cref="ArgumentException">The entry is invalid; the message lists every problem.</exception>
    public void Upsert(KnowledgeEntry entry) => UpsertRange([entry]);

    /// <summary>Adds or replaces several entries at once; nothing changes unless all are valid.</summary>
    public void UpsertRange(IEnumerable<KnowledgeEntry> entries)
    {
        var prepared = PrepareAll(entries);
        if (prepared.Count == 0)
        {
            return;
        }

        lock (_writeGate)
        {
            var current = _snapshot;
            var next = new Dictionary<string, IndexedEntry>(current.Entries, StringComparer.Ordinal);
            var touched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in prepared)
            {
                if (next.TryGetValue(item.Entry.Id, out var old))
                {
                    touched.Add(old.Entry.Language);
                }

                next[item.Entry.Id] = item;
                touched.Add(item.Entry.Language);
            }

            Volatile.Write(ref _snapshot, Rebuild(current, next, touched));
        }
    }

    /// <summary>
    /// Replaces every entry at once, as a silo's copy of the cluster's knowledge base does when its version moves;
    /// nothing changes unless all are valid. Of entries sharing an id, the last one stays.
    /// </summary>
    public void ReplaceAll(IEnumerable<KnowledgeEntry> entries)
    {
        var next = new Dictionary<string, IndexedEntry>(StringComparer.Ordinal);
        foreach (var item in PrepareAll(entries))
        {
            next[item.Entry.Id] = item;
        }

        lock (_writeGate)
        {
            var current = _snapshot;
            // Languages that lost their last entry get an empty index, so their old entries stop matching.
            var languages = next.Values.Select(static e => e.Entry.Language).Concat(current.Indexes.Keys).Distinct(StringComparer.Ordinal).ToArray();
            Volatile.Write(ref _snapshot, Rebuild(current, next, languages));
        }
    }

    /// <summary>Removes the entry; returns false when there was none with that id.</summary>
    public bool Delete(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        lock (_writeGate)
        {
            var current = _snapshot;
            if (!current.Entries.TryGetValue(id, out var old))
            {
                return false;
            }

            var next = new Dictionary<string, IndexedEntry>(current.Entries, StringComparer.Ordinal);
            next.Remove(id);
            Volatile.Write(ref _snapshot, Rebuild(current, next, [old.Entry.Language]));
            return true;
        }
    }

    /// <summary>The entry with <paramref name="id"/>, or null.</summary>
    public KnowledgeEntry? Get(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Volatile.Read(ref _snapshot).Entries.TryGetValue(id, out var entry) ? entry.Entry : null;
    }

    /// <summary>Entries ordered by id, optionally only one language and / or category.</summary>
    public IReadOnlyList<KnowledgeEntry> List(string? language = null, string? category = null) =>
        Select(Volatile.Read(ref _snapshot).Entries.Values.Select(static e => e.Entry), language, category);

    /// <summary>Of <paramref name="entries"/>, those of <paramref name="language"/> and <paramref name="category"/> (null: any), ordered by id.</summary>
    public static IReadOnlyList<KnowledgeEntry> Select(IEnumerable<KnowledgeEntry> entries, string? language, string? category)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries
            .Where(e => (language is null || e.Language == language) && (category is null || e.Category == category))
            .OrderBy(static e => e.Id, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// The <paramref name="top"/> entries of <paramref name="language"/> whose questions best match
    /// <paramref name="text"/>, best first; entries answering <paramref name="intent"/> are boosted.
    /// Entries sharing no term with the text are never returned.
    /// </summary>
    public IReadOnlyList<KnowledgeHit> Search(string text, string language, string? intent = null, int top = 5)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (text.Length > BotAnalyzerOptions.MaxTextLength)
        {
            throw new ArgumentException($"Text is {text.Length} characters long; the limit is {BotAnalyzerOptions.MaxTextLength}.", nameof(text));
        }

        if (!BotLanguages.IsSupported(language))
        {
            throw new ArgumentException($"Language must be 'zh' or 'en'; was '{language}'.", nameof(language));
        }

        if (intent is not null && !BotIntents.IsKnown(intent))
        {
            throw new ArgumentException($"Intent '{intent}' is not one of {string.Join(", ", BotIntents.All)}.", nameof(intent));
        }

        if (top is < 1 or > MaxTop)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top, $"top must be between 1 and {MaxTop}.");
        }

        var snapshot = Volatile.Read(ref _snapshot);
        if (!snapshot.Indexes.TryGetValue(language, out var index))
        {
            return [];
        }

        return index.Search(Analyze(text), intent, _options.IntentBoost, top);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing everything wrong with <paramref name="entry"/>.</summary>
    public static void Validate(KnowledgeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(entry.Id))
        {
            problems.Add("id must not be empty");
        }
        else if (entry.Id.Length > MaxIdLength)
        {
            problems.Add($"id must be at most {MaxIdLength} characters");
        }

        if (!KnowledgeCategories.IsKnown(entry.Category))
        {
            problems.Add($"category '{entry.Category}' is not one of {string.Join(", ", KnowledgeCategories.All)}");
        }

        if (!BotLanguages.IsSupported(entry.Language))
        {
            problems.Add($"language '{entry.Language}' is not one of zh, en");
        }

        if (entry.Intent is not null && !BotIntents.IsKnown(entry.Intent))
        {
            problems.Add($"intent '{entry.Intent}' is not one of {string.Join(", ", BotIntents.All)}");
        }

        if (entry.Questions is null || entry.Questions.Count == 0)
        {
            problems.Add("questions must contain at least one question");
        }
        else if (entry.Questions.Any(q => string.IsNullOrWhiteSpace(q)))
        {
            problems.Add("questions must not contain empty strings");
        }
        else if (entry.Questions.Any(q => q.Length > BotAnalyzerOptions.MaxTextLength))
        {
            problems.Add($"questions must be at most {BotAnalyzerOptions.MaxTextLength} characters");
        }

        if (string.IsNullOrWhiteSpace(entry.Answer))
        {
            problems.Add("answer must not be empty");
        }

        if (entry.Related is null)
        {
            problems.Add("related must not be null");
        }
        else
        {
            if (entry.Related.Count > MaxRelated)
            {
                problems.Add($"related may list at most {MaxRelated} entries; has {entry.Related.Count}");
            }

            if (entry.Related.Any(r => string.IsNullOrWhiteSpace(r)))
            {
                problems.Add("related must not contain empty ids");
            }

            if (entry.Related.Contains(entry.Id, StringComparer.Ordinal))
            {
                problems.Add("related must not refer to the entry itself");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Knowledge entry '{entry.Id}' is invalid: {string.Join("; ", problems)}.", nameof(entry));
        }
    }

    private List<IndexedEntry> PrepareAll(IEnumerable<KnowledgeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var prepared = new List<IndexedEntry>();
        foreach (var entry in entries)
        {
            Validate(entry);
            prepared.Add(Prepare(entry));
        }

        return prepared;
    }

    private IndexedEntry Prepare(KnowledgeEntry entry)
    {
        // Copy the lists so a caller mutating its own list cannot change a published entry.
        var frozen = entry with
        {
            Questions = new ReadOnlyCollection<string>(entry.Questions.ToArray()),
            Related = new ReadOnlyCollection<string>(entry.Related.ToArray()),
        };
        var bags = new TermBag[frozen.Questions.Count];
        for (var i = 0; i < bags.Length; i++)
        {
            bags[i] = Analyze(frozen.Questions[i]);
        }

        return new IndexedEntry(frozen, bags);
    }

    private TermBag Analyze(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var buffer = FeatureBuffer.ForCurrentThread();
        TextAnalyzer.Featurize(normalized, _extractor.Extract(text, normalized), AnalyzerProfile.Retrieval, buffer, uint.MaxValue);
        buffer.Merge();
        return TermBag.From(buffer);
    }

    private Snapshot Rebuild(Snapshot current, Dictionary<string, IndexedEntry> entries, IEnumerable<string> languages)
    {
        var indexes = new Dictionary<string, Bm25Index>(current.Indexes, StringComparer.Ordinal);
        foreach (var language in languages)
        {
            var ofLanguage = entries.Values
                .Where(e => e.Entry.Language == language)
                .OrderBy(static e => e.Entry.Id, StringComparer.Ordinal)
                .ToArray();
            indexes[language] = Bm25Index.Build(ofLanguage, _options);
        }

        return new Snapshot(entries, indexes);
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, IndexedEntry> Entries, IReadOnlyDictionary<string, Bm25Index> Indexes);
}
