using System.Text.Json;
using Conversations.Abstractions.Knowledge;
using Conversations.Bot.Internal;

namespace Conversations.Bot.Knowledge;

/// <summary>
/// Reads knowledge entries from JSON: an array of
/// <c>{ "id", "category", "language", "intent"?, "questions": [..], "answer", "related"?: [ids] }</c>,
/// as shipped in <c>Data/knowledge/{zh,en}.json</c>.
/// </summary>
public static class KnowledgeLoader
{
    private const string Folder = "knowledge";

    /// <summary>The demo knowledge base shipped with the bot: every embedded <c>Data/knowledge/*.json</c> file.</summary>
    public static IReadOnlyList<KnowledgeEntry> LoadEmbedded()
    {
        var entries = new List<KnowledgeEntry>();
        foreach (var path in EmbeddedData.List(Folder))
        {
            if (path.EndsWith(".json", StringComparison.Ordinal))
            {
                entries.AddRange(Parse(EmbeddedData.ReadText(path), path));
            }
        }

        var duplicate = entries.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"Knowledge entry id '{duplicate.Key}' appears {duplicate.Count()} times in the embedded knowledge files.");
        }

        return entries;
    }

    /// <summary>A knowledge base filled with <see cref="LoadEmbedded"/>.</summary>
    public static KnowledgeBase CreateEmbeddedKnowledgeBase(KnowledgeBaseOptions? options = null)
    {
        var knowledgeBase = new KnowledgeBase(options);
        knowledgeBase.UpsertRange(LoadEmbedded());
        return knowledgeBase;
    }

    /// <summary>
    /// Parses and validates a JSON array of entries; <paramref name="source"/> names the input in errors.
    /// </summary>
    /// <exception cref="InvalidDataException">The JSON is malformed or an entry is invalid; the message says which and why.</exception>
    public static IReadOnlyList<KnowledgeEntry> Parse(string json, string source = "knowledge JSON")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{source} must be a JSON array of knowledge entries.");
            }

            var entries = new List<KnowledgeEntry>();
            var position = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var where = $"{source}, entry {position}";
                try
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        throw new InvalidDataException("it is not a JSON object");
                    }

                    var entry = new KnowledgeEntry(
                        String(element, "id") ?? string.Empty,
                        String(element, "category") ?? string.Empty,
                        String(element, "language") ?? string.Empty,
                        String(element, "intent"),
                        Strings(element, "questions") ?? [],
                        String(element, "answer") ?? string.Empty,
                        Strings(element, "related"));
                    where = $"{source}, entry {position} ('{entry.Id}')";
                    KnowledgeBase.Validate(entry);
                    entries.Add(entry);
                }
                catch (Exception e) when (e is ArgumentException or InvalidDataException)
                {
                    throw new InvalidDataException($"{where}: {e.Message}", e);
                }

                position++;
            }

            return entries;
        }
    }

    private static string? String(JsonElement element, string name)
    {
        if (!TryGet(element, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidDataException($"\"{name}\" must be a string");
    }

    private static string[]? Strings(JsonElement element, string name)
    {
        if (!TryGet(element, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"\"{name}\" must be an array of strings");
        }

        var result = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            result.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new InvalidDataException($"\"{name}\" must contain only strings"));
        }

        return result.ToArray();
    }

    // Property names are matched case-insensitively so "Questions" written by hand still loads.
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
