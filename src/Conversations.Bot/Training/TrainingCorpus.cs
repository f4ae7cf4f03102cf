using Conversations.Bot.Internal;

namespace Conversations.Bot.Training;

/// <summary>
/// The intent and sentiment examples the bot learns from, with the fixed train / held-out split of
/// <see cref="HoldOutSplit"/>. Files: <c>intents/{zh,en}/&lt;intent&gt;.txt</c> and
/// <c>sentiment/{zh,en}/&lt;sentiment&gt;.txt</c>, one example a line, '#' comments and blank lines ignored.
/// </summary>
public sealed class TrainingCorpus
{
    private const string IntentsFolder = "intents";
    private const string SentimentFolder = "sentiment";

    /// <summary>Creates a corpus from examples already in memory (tests, tools).</summary>
    public TrainingCorpus(IEnumerable<LabeledText> intents, IEnumerable<LabeledText> sentiments)
    {
        ArgumentNullException.ThrowIfNull(intents);
        ArgumentNullException.ThrowIfNull(sentiments);
        Intents = intents.ToArray();
        Sentiments = sentiments.ToArray();
        TrainingIntents = Intents.Where(static e => !HoldOutSplit.IsHeldOut(e)).ToArray();
        HeldOutIntents = Intents.Where(HoldOutSplit.IsHeldOut).ToArray();
        TrainingSentiments = Sentiments.Where(static e => !HoldOutSplit.IsHeldOut(e)).ToArray();
        HeldOutSentiments = Sentiments.Where(HoldOutSplit.IsHeldOut).ToArray();
    }

    public IReadOnlyList<LabeledText> Intents { get; }

    public IReadOnlyList<LabeledText> Sentiments { get; }

    /// <summary>The intent examples models may learn from.</summary>
    public IReadOnlyList<LabeledText> TrainingIntents { get; }

    /// <summary>The intent examples kept for evaluation only.</summary>
    public IReadOnlyList<LabeledText> HeldOutIntents { get; }

    public IReadOnlyList<LabeledText> TrainingSentiments { get; }

    public IReadOnlyList<LabeledText> HeldOutSentiments { get; }

    /// <summary>Loads the data files embedded in this assembly.</summary>
    public static TrainingCorpus LoadEmbedded()
    {
        return new TrainingCorpus(
            Load(EmbeddedData.List(IntentsFolder), EmbeddedData.ReadText, BotIntents.All),
            Load(EmbeddedData.List(SentimentFolder), EmbeddedData.ReadText, SentimentLabels.All));
    }

    /// <summary>Loads the same layout from a directory on disk (e.g. src/Conversations.Bot/Data while editing it).</summary>
    public static TrainingCorpus LoadFromDirectory(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        if (!Directory.Exists(dataDirectory))
        {
            throw new DirectoryNotFoundException($"Bot data directory '{dataDirectory}' does not exist.");
        }

        IReadOnlyList<string> List(string folder)
        {
            var root = Path.Combine(dataDirectory, folder);
            if (!Directory.Exists(root))
            {
                return [];
            }

            return Directory.GetFiles(root, "*.txt", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(dataDirectory, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToArray();
        }

        string Read(string path) => File.ReadAllText(Path.Combine(dataDirectory, path), System.Text.Encoding.UTF8);

        return new TrainingCorpus(
            Load(List(IntentsFolder), Read, BotIntents.All),
            Load(List(SentimentFolder), Read, SentimentLabels.All));
    }

    /// <summary>The examples of one file's text: trimmed lines, without blanks and '#' comments.</summary>
    public static IEnumerable<string> ParseLines(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }

    private static List<LabeledText> Load(IReadOnlyList<string> paths, Func<string, string> read, IReadOnlyList<string> labels)
    {
        var examples = new List<LabeledText>();
        foreach (var path in paths)
        {
            // path = "<folder>/<language>/<label>.txt"
            var parts = path.Split('/');
            if (parts.Length != 3 || !parts[2].EndsWith(".txt", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Bot data file '{path}' is not laid out as <folder>/<language>/<label>.txt.");
            }

            var language = parts[1];
            var label = parts[2][..^4];
            if (!BotLanguages.IsSupported(language))
            {
                throw new InvalidDataException($"Bot data file '{path}': language '{language}' is not one of zh, en.");
            }

            if (!labels.Contains(label, StringComparer.Ordinal))
            {
                throw new InvalidDataException($"Bot data file '{path}': label '{label}' is not one of {string.Join(", ", labels)}.");
            }

            foreach (var line in ParseLines(read(path)))
            {
                examples.Add(new LabeledText(line, label, language));
            }
        }

        return examples;
    }
}
