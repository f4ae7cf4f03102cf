using Conversations.Abstractions.Knowledge;
using Conversations.Bot.Knowledge;

namespace Conversations.Bot.Internal;

/// <summary>A knowledge entry with its questions already analysed, so index rebuilds never re-tokenise.</summary>
internal sealed record IndexedEntry(KnowledgeEntry Entry, TermBag[] Questions);
