using Conversations.Abstractions;
using Conversations.Abstractions.Knowledge;
using Conversations.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Bot.Knowledge;

/// <summary>
/// The cluster's knowledge base: validates and stores the FAQ entries and counts a version per change. The first time it
/// activates with nothing stored it is seeded with the shipped FAQ entries, when <see cref="KnowledgeOptions.SeedShippedEntries"/>.
/// </summary>
/// <remarks>
/// In the bot's project rather than Conversations.Grains: entries are validated against the bot's vocabulary (intents,
/// languages, categories, text limits) and seeded from the bot's embedded data, and the domain's grains do not depend on the bot.
/// </remarks>
public sealed class KnowledgeGrain : Grain, IKnowledgeGrain
{
    private readonly IPersistentState<KnowledgeState> _state;
    private readonly KnowledgeOptions _options;
    private readonly ILogger<KnowledgeGrain> _logger;

    public KnowledgeGrain([PersistentState("knowledge")] IPersistentState<KnowledgeState> state, IOptions<KnowledgeOptions> options, ILogger<KnowledgeGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _logger = logger;
    }

    private KnowledgeState S => _state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.RecordExists || !_options.SeedShippedEntries) return;
        // Written at once, so seeding happens once: demo entries an admin deletes stay deleted across restarts.
        var demo = KnowledgeLoader.LoadEmbedded();
        await CommitAsync(entries =>
        {
            foreach (var entry in demo) entries[entry.Id] = entry;
        });
        _logger.LogInformation("Knowledge base seeded with {Entries} demo entries", demo.Count);
    }

    public Task<long> Upsert(KnowledgeEntry entry)
    {
        if (entry is null) throw ConversationException.BadRequest("a knowledge entry is required.");
        try
        {
            KnowledgeBase.Validate(entry);
        }
        catch (ArgumentException e)
        {
            throw ConversationException.BadRequest(e.Message);
        }

        return CommitAsync(entries => entries[entry.Id] = entry);
    }

    public Task<long> Delete(string entryId)
    {
        if (entryId is null || !S.Entries.ContainsKey(entryId)) throw ConversationException.NotFound($"no knowledge entry '{entryId}'.");
        return CommitAsync(entries => entries.Remove(entryId));
    }

    public Task<long> GetVersion() => Task.FromResult(S.Version);

    public Task<KnowledgeSnapshot> GetEntries() =>
        Task.FromResult(new KnowledgeSnapshot(S.Version, KnowledgeBase.Select(S.Entries.Values, language: null, category: null)));

    /// <summary>Applies <paramref name="change"/> to a copy and keeps it only once written: a failed write changes nothing.</summary>
    private async Task<long> CommitAsync(Action<Dictionary<string, KnowledgeEntry>> change)
    {
        var before = S;
        var next = new KnowledgeState { Version = before.Version + 1, Entries = new Dictionary<string, KnowledgeEntry>(before.Entries, StringComparer.Ordinal) };
        change(next.Entries);
        _state.State = next;
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            _state.State = before;
            throw;
        }

        return next.Version;
    }
}
