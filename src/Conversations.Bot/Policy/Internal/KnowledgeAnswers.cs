using Conversations.Abstractions.Knowledge;
using Conversations.Bot.Knowledge;

namespace Conversations.Bot.Policy.Internal;

/// <summary>
/// Answers from the FAQ: the best hit that matches the message well enough to trust, and its related
/// questions as quick replies. BM25 scores only rank one query's hits, so trust is decided on coverage
/// (how much of the message the matched question explains), more leniently for an entry of the message's intent.
/// </summary>
internal sealed class KnowledgeAnswers
{
    private const int Candidates = 3;

    private readonly KnowledgeBase _knowledge;
    private readonly BotPolicyOptions _options;

    public KnowledgeAnswers(KnowledgeBase knowledge, BotPolicyOptions options)
    {
        _knowledge = knowledge;
        _options = options;
    }

    public KnowledgeBase Base => _knowledge;

    /// <summary>The hit to answer with, or null when no entry matches well enough.</summary>
    public KnowledgeHit? Best(string text, string language, string? intent) =>
        Trusted(text, language, intent).FirstOrDefault();

    /// <summary>Hits good enough to answer with, best first.</summary>
    public IEnumerable<KnowledgeHit> Trusted(string text, string language, string? intent)
    {
        var known = BotIntents.IsKnown(intent) ? intent : null;
        foreach (var hit in _knowledge.Search(text, language, known, Candidates))
        {
            if (IsTrusted(hit, known)) yield return hit;
        }
    }

    /// <summary>
    /// A hit whose matched question says nearly all the message says, whatever the intent: answered even
    /// when the classifier is unsure ("do you deliver to Xinjiang" is an FAQ, not a riddle).
    /// </summary>
    public KnowledgeHit? Direct(string text, string language)
    {
        var top = _knowledge.Search(text, language, null, 1);
        return top.Count > 0 && top[0].Coverage >= _options.KnowledgeDirectCoverage ? top[0] : null;
    }

    /// <summary>How sure the bot is of a hit, in [0, 1]: its coverage, discounted when it answers another intent.</summary>
    public static double Confidence(KnowledgeHit hit, string? intent) =>
        Math.Clamp(hit.Coverage, 0, 1) * (hit.Entry.Intent is null || hit.Entry.Intent == intent ? 1.0 : 0.8);

    /// <summary>The entry's related questions (same language) as quick replies.</summary>
    public IReadOnlyList<QuickReplyOption> Related(KnowledgeEntry entry)
    {
        var options = new List<QuickReplyOption>();
        foreach (var id in entry.Related)
        {
            if (options.Count >= _options.MaxQuickReplies) break;
            if (_knowledge.Get(id) is { } related && related.Language == entry.Language && related.Questions.Count > 0)
            {
                var question = related.Questions[0];
                options.Add(new QuickReplyOption(question, question));
            }
        }

        return options;
    }

    private bool IsTrusted(KnowledgeHit hit, string? intent) =>
        hit.Coverage >= _options.KnowledgeMinCoverage
        || (intent is not null and not BotIntents.Other && hit.Entry.Intent == intent && hit.Coverage >= _options.KnowledgeIntentMinCoverage);
}
