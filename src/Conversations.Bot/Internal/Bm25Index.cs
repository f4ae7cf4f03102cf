using System.Buffers;
using Conversations.Bot.Knowledge;

namespace Conversations.Bot.Internal;

/// <summary>
/// An immutable BM25 index over the question variants of one language's entries. An entry scores as
/// its best-matching question: adding phrasings widens what an entry matches without inflating it.
/// </summary>
internal sealed class Bm25Index
{
    private readonly IndexedEntry[] _entries;
    private readonly int[] _docEntry;
    private readonly int[] _docQuestion;
    private readonly float[] _docNorm;
    private readonly Dictionary<uint, (int[] Docs, float[] Tf, double Idf)> _postings;
    private readonly double _k1;
    private readonly double _unknownIdf;

    private Bm25Index(IReadOnlyList<IndexedEntry> entries, double k1, double b)
    {
        _entries = entries.ToArray();
        _k1 = k1;
        var docs = new List<(int Entry, int Question, TermBag Bag)>();
        for (var e = 0; e < _entries.Length; e++)
        {
            for (var q = 0; q < _entries[e].Questions.Length; q++)
            {
                docs.Add((e, q, _entries[e].Questions[q]));
            }
        }

        _docEntry = docs.Select(d => d.Entry).ToArray();
        _docQuestion = docs.Select(d => d.Question).ToArray();
        var averageLength = docs.Count == 0 ? 1 : Math.Max(1e-6, docs.Average(d => d.Bag.Length));
        _docNorm = docs.Select(d => (float)(k1 * (1 - b + (b * d.Bag.Length / averageLength)))).ToArray();

        var lists = new Dictionary<uint, (List<int> Docs, List<float> Tf)>();
        for (var d = 0; d < docs.Count; d++)
        {
            var bag = docs[d].Bag;
            for (var t = 0; t < bag.Terms.Length; t++)
            {
                if (!lists.TryGetValue(bag.Terms[t], out var posting))
                {
                    posting = ([], []);
                    lists[bag.Terms[t]] = posting;
                }

                posting.Docs.Add(d);
                posting.Tf.Add(bag.Weights[t]);
            }
        }

        var n = docs.Count;
        _postings = new Dictionary<uint, (int[], float[], double)>(lists.Count);
        foreach (var (term, posting) in lists)
        {
            _postings[term] = (posting.Docs.ToArray(), posting.Tf.ToArray(), Idf(n, posting.Docs.Count));
        }

        _unknownIdf = Idf(n, 0);
    }

    public static Bm25Index Build(IReadOnlyList<IndexedEntry> entries, KnowledgeBaseOptions options) =>
        new(entries, options.K1, options.B);

    public List<KnowledgeHit> Search(TermBag query, string? intent, double intentBoost, int top)
    {
        if (_docEntry.Length == 0)
        {
            return [];
        }

        // Scratch arrays the size of the index, per search: rented, as the bot searches on most customer messages.
        var docScores = ArrayPool<double>.Shared.Rent(_docEntry.Length);
        var bestScore = ArrayPool<double>.Shared.Rent(_entries.Length);
        var bestDoc = ArrayPool<int>.Shared.Rent(_entries.Length);
        try
        {
            Array.Clear(docScores, 0, _docEntry.Length);
            Array.Clear(bestScore, 0, _entries.Length);
            for (var t = 0; t < query.Terms.Length; t++)
            {
                if (!_postings.TryGetValue(query.Terms[t], out var posting))
                {
                    continue;
                }

                for (var p = 0; p < posting.Docs.Length; p++)
                {
                    var doc = posting.Docs[p];
                    var tf = posting.Tf[p];
                    docScores[doc] += posting.Idf * tf * (_k1 + 1) / (tf + _docNorm[doc]);
                }
            }

            for (var doc = 0; doc < _docEntry.Length; doc++)
            {
                var entry = _docEntry[doc];
                if (docScores[doc] > bestScore[entry])
                {
                    bestScore[entry] = docScores[doc];
                    bestDoc[entry] = doc;
                }
            }

            return Hits(query, intent, intentBoost, top, bestScore, bestDoc);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(docScores);
            ArrayPool<double>.Shared.Return(bestScore);
            ArrayPool<int>.Shared.Return(bestDoc);
        }
    }

    /// <summary>The best question of each entry that scored, boosted for the intent, best first.</summary>
    private List<KnowledgeHit> Hits(TermBag query, string? intent, double intentBoost, int top, double[] bestScore, int[] bestDoc)
    {
        // bestDoc is rented uncleared: it is read only for entries that scored, whose slot this search wrote.
        var hits = new List<KnowledgeHit>();
        var candidates = new List<(int Entry, double Score)>();
        for (var e = 0; e < _entries.Length; e++)
        {
            if (bestScore[e] > 0)
            {
                var boosted = intent is not null && _entries[e].Entry.Intent == intent ? bestScore[e] * (1 + intentBoost) : bestScore[e];
                candidates.Add((e, boosted));
            }
        }

        candidates.Sort((a, b) => a.Score != b.Score
            ? b.Score.CompareTo(a.Score)
            : string.CompareOrdinal(_entries[a.Entry].Entry.Id, _entries[b.Entry].Entry.Id));
        for (var i = 0; i < candidates.Count && i < top; i++)
        {
            var (e, score) = candidates[i];
            var question = _docQuestion[bestDoc[e]];
            var entry = _entries[e];
            hits.Add(new KnowledgeHit(entry.Entry, score, Coverage(query, entry.Questions[question]), entry.Entry.Questions[question]));
        }

        return hits;
    }

    private double Coverage(TermBag query, TermBag question)
    {
        double found = 0, total = 0;
        for (var t = 0; t < query.Terms.Length; t++)
        {
            var weight = query.Weights[t] * (_postings.TryGetValue(query.Terms[t], out var posting) ? posting.Idf : _unknownIdf);
            total += weight;
            if (question.Contains(query.Terms[t]))
            {
                found += weight;
            }
        }

        return total == 0 ? 0 : found / total;
    }

    private static double Idf(int documents, int withTerm) => Math.Log(1 + ((documents - withTerm + 0.5) / (withTerm + 0.5)));
}
