using Conversations.Abstractions.Knowledge;

namespace Conversations.Bot.Knowledge;

/// <summary>
/// A search result. <see cref="Score"/> is BM25 of the best-matching question times the intent boost;
/// it only ranks hits of one query. <see cref="Coverage"/> in [0, 1] is the IDF-weighted share of the
/// query's terms found in <see cref="MatchedQuestion"/>, comparable across queries for a relevance threshold.
/// </summary>
public sealed record KnowledgeHit(KnowledgeEntry Entry, double Score, double Coverage, string MatchedQuestion);
