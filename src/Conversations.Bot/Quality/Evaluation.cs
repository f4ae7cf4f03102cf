using System.Globalization;
using System.Text;
using Conversations.Bot.Training;

namespace Conversations.Bot.Quality;

/// <summary>
/// Measures the NLU engine on the held-out split (see <see cref="HoldOutSplit"/>), which no model
/// ever trains on: intent accuracy and macro-F1 per language, the confusion table, calibration,
/// sentiment accuracy and anger precision / recall. <see cref="ToMarkdown"/> renders docs/bot-quality.md.
/// </summary>
public sealed class Evaluation
{
    /// <summary>The command that regenerates docs/bot-quality.md and the bot figures of docs/performance.md.</summary>
    public const string Command = "dotnet run -c Release --project load/Conversations.Benchmarks -- bot-eval";

    private Evaluation(
        IReadOnlyList<LanguageEvaluation> languages,
        AngerMetrics anger,
        IReadOnlyList<Confusion> confusions,
        int trainingIntentExamples,
        int trainingSentimentExamples,
        double angryFlagRateOnRequests)
    {
        AngryFlagRateOnRequests = angryFlagRateOnRequests;
        Languages = languages;
        Anger = anger;
        TopConfusions = confusions;
        TrainingIntentExamples = trainingIntentExamples;
        TrainingSentimentExamples = trainingSentimentExamples;
    }

    /// <summary>Results per language, zh first.</summary>
    public IReadOnlyList<LanguageEvaluation> Languages { get; }

    /// <summary>Anger detection over both languages.</summary>
    public AngerMetrics Anger { get; }

    /// <summary>Share of held-out intent messages other than complaints flagged angry, over both languages.</summary>
    public double AngryFlagRateOnRequests { get; }

    /// <summary>The most frequent intent mix-ups, largest first.</summary>
    public IReadOnlyList<Confusion> TopConfusions { get; }

    public int TrainingIntentExamples { get; }

    public int TrainingSentimentExamples { get; }

    /// <summary>The results for <paramref name="language"/> ("zh" or "en").</summary>
    public LanguageEvaluation this[string language] =>
        Languages.FirstOrDefault(l => l.Language == language)
        ?? throw new ArgumentException($"No held-out examples for language '{language}'.", nameof(language));

    /// <summary>Trains on <paramref name="corpus"/>'s training split and evaluates on its held-out split.</summary>
    public static Evaluation Run(TrainingCorpus corpus, BotAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return Evaluate(BotModel.Train(corpus, options), corpus);
    }

    /// <summary>
    /// Evaluates an analyser already trained by <see cref="BotModel.Train"/> or <see cref="BotModel.TrainFromEmbeddedData"/>
    /// on the same corpus (they only ever train on the training split, so the held-out split stays unseen).
    /// </summary>
    public static Evaluation Evaluate(BotAnalyzer analyzer, TrainingCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(corpus);
        var labels = analyzer.IntentClassifier.Labels;
        var languages = new List<LanguageEvaluation>();
        var confusions = new List<Confusion>();
        var angerTotals = new AngerCounter();
        int allRequests = 0, allRequestsFlagged = 0;

        foreach (var language in BotLanguages.All)
        {
            var intentExamples = corpus.HeldOutIntents.Where(e => e.Language == language).ToArray();
            var sentimentExamples = corpus.HeldOutSentiments.Where(e => e.Language == language).ToArray();
            if (intentExamples.Length == 0 && sentimentExamples.Length == 0)
            {
                continue;
            }

            var matrix = new int[labels.Count, labels.Count];
            int correct = 0, languageCorrect = 0, clarified = 0, confidentCorrect = 0, requests = 0, requestsFlagged = 0;
            var bins = new (int Count, double Confidence, int Correct)[10];
            foreach (var example in intentExamples)
            {
                var analysis = analyzer.Analyze(Truncate(example.Text));

                var expected = IndexOf(labels, example.Label);
                var predicted = IndexOf(labels, analysis.Intent);
                matrix[expected, predicted]++;
                var hit = expected == predicted;
                correct += hit ? 1 : 0;
                languageCorrect += analysis.Language == language ? 1 : 0;
                if (analysis.NeedsClarification)
                {
                    clarified++;
                }
                else
                {
                    confidentCorrect += hit ? 1 : 0;
                }

                if (example.Label != BotIntents.Complaint)
                {
                    requests++;
                    requestsFlagged += analysis.Sentiment == SentimentLabels.Angry ? 1 : 0;
                }

                var bin = Math.Min(9, (int)(analysis.Confidence * 10));
                bins[bin] = (bins[bin].Count + 1, bins[bin].Confidence + analysis.Confidence, bins[bin].Correct + (hit ? 1 : 0));
            }

            var anger = new AngerCounter();
            var sentimentCorrect = 0;
            foreach (var example in sentimentExamples)
            {
                var analysis = analyzer.Analyze(Truncate(example.Text));
                sentimentCorrect += analysis.Sentiment == example.Label ? 1 : 0;
                anger.Add(example.Label == SentimentLabels.Angry, analysis.Sentiment == SentimentLabels.Angry);
                angerTotals.Add(example.Label == SentimentLabels.Angry, analysis.Sentiment == SentimentLabels.Angry);
            }

            var perIntent = new List<IntentMetrics>();
            for (var k = 0; k < labels.Count; k++)
            {
                int support = 0, predictedCount = 0;
                for (var j = 0; j < labels.Count; j++)
                {
                    support += matrix[k, j];
                    predictedCount += matrix[j, k];
                    if (j != k && matrix[k, j] > 0)
                    {
                        confusions.Add(new Confusion(language, labels[k], labels[j], matrix[k, j]));
                    }
                }

                var precision = predictedCount == 0 ? 0 : (double)matrix[k, k] / predictedCount;
                var recall = support == 0 ? 0 : (double)matrix[k, k] / support;
                var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                perIntent.Add(new IntentMetrics(labels[k], support, precision, recall, f1));
            }

            var n = intentExamples.Length;
            var withSupport = perIntent.Where(m => m.Support > 0).ToArray();
            var calibrationError = 0.0;
            foreach (var (count, confidence, hits) in bins)
            {
                if (count > 0)
                {
                    calibrationError += (double)count / n * Math.Abs((confidence / count) - ((double)hits / count));
                }
            }

            var rows = new IReadOnlyList<int>[labels.Count];
            for (var k = 0; k < labels.Count; k++)
            {
                var row = new int[labels.Count];
                for (var j = 0; j < labels.Count; j++)
                {
                    row[j] = matrix[k, j];
                }

                rows[k] = row;
            }

            languages.Add(new LanguageEvaluation(
                language,
                n,
                Ratio(correct, n),
                withSupport.Length == 0 ? 0 : withSupport.Average(m => m.F1),
                perIntent,
                labels,
                rows,
                Ratio(languageCorrect, n),
                Ratio(clarified, n),
                Ratio(confidentCorrect, n - clarified),
                calibrationError,
                sentimentExamples.Length,
                Ratio(sentimentCorrect, sentimentExamples.Length),
                anger.ToMetrics(language),
                Ratio(requestsFlagged, requests)));
            allRequests += requests;
            allRequestsFlagged += requestsFlagged;
        }

        confusions.Sort(static (a, b) => b.Count != a.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Expected + a.Predicted, b.Expected + b.Predicted));
        return new Evaluation(
            languages,
            angerTotals.ToMetrics("all"),
            confusions,
            corpus.TrainingIntents.Count,
            corpus.TrainingSentiments.Count,
            Ratio(allRequestsFlagged, allRequests));
    }

    /// <summary>
    /// Renders the results as the Markdown of docs/bot-quality.md, with the speed of the same run when
    /// <paramref name="speed"/> is given, measured on <paramref name="machine"/>.
    /// </summary>
    public string ToMarkdown(AnalysisSpeed? speed = null, string? machine = null)
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("# Bot NLU quality");
        md.AppendLine();
        md.AppendLine("Measured on the held-out split of `src/Conversations.Bot/Data` (about 20% of every intent and sentiment file,");
        md.AppendLine("chosen by a stable hash of each line with case, width, punctuation and spaces folded away, so near-duplicates");
        md.AppendLine("fall on one side; no model trains on it). Regenerate with");
        md.AppendLine($"`{Command}`, which trains once");
        md.AppendLine("(`AnalysisSpeed.TrainAndMeasure`), times that model and evaluates it (`Evaluation.Evaluate(…).ToMarkdown(speed, machine)`).");
        md.AppendLine();
        md.AppendLine(c, $"Training examples: {TrainingIntentExamples} intent, {TrainingSentimentExamples} sentiment (the sentiment model also");
        md.AppendLine("sees one in ten calm intent training examples as extra neutral ones; see `BotModel`). Training uses a fixed seed,");
        md.AppendLine("so every number except the speed section is the same on every run.");
        md.AppendLine();
        md.AppendLine("## Intent classification");
        md.AppendLine();
        md.AppendLine("| language | held-out examples | accuracy | macro-F1 | language detected | calibration error (ECE) | needs clarification | accuracy when confident |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in Languages)
        {
            md.AppendLine(c, $"| {l.Language} | {l.Examples} | {Percent(l.Accuracy)} | {Percent(l.MacroF1)} | {Percent(l.LanguageDetectionAccuracy)} | {l.ExpectedCalibrationError:0.000} | {Percent(l.ClarificationRate)} | {Percent(l.AccuracyWhenConfident)} |");
        }

        md.AppendLine();
        md.AppendLine("## Sentiment and anger");
        md.AppendLine();
        md.AppendLine("On the held-out sentiment examples (four balanced classes), plus how many held-out intent messages other than");
        md.AppendLine("complaints were flagged angry (everyday requests; mostly false alarms, some are \"快点发货啊！！！\").");
        md.AppendLine();
        md.AppendLine("| scope | held-out examples | sentiment accuracy | angry examples | flagged angry | anger precision | anger recall | requests flagged angry |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in Languages)
        {
            md.AppendLine(c, $"| {l.Language} | {l.SentimentExamples} | {Percent(l.SentimentAccuracy)} | {l.Anger.AngryExamples} | {l.Anger.Flagged} | {Percent(l.Anger.Precision)} | {Percent(l.Anger.Recall)} | {Percent(l.AngryFlagRateOnRequests)} |");
        }

        md.AppendLine(c, $"| all | {Languages.Sum(l => l.SentimentExamples)} | {Percent(Ratio(Languages.Sum(l => l.SentimentAccuracy * l.SentimentExamples), Languages.Sum(l => l.SentimentExamples)))} | {Anger.AngryExamples} | {Anger.Flagged} | {Percent(Anger.Precision)} | {Percent(Anger.Recall)} | {Percent(AngryFlagRateOnRequests)} |");
        md.AppendLine();
        md.AppendLine("## Per intent (F1, with precision / recall)");
        md.AppendLine();
        md.Append("| intent |");
        foreach (var l in Languages)
        {
            md.Append(c, $" {l.Language} F1 | {l.Language} P / R | {l.Language} n |");
        }

        md.AppendLine();
        md.Append("|---|");
        md.Append(string.Concat(Enumerable.Repeat("---:|---:|---:|", Languages.Count)));
        md.AppendLine();
        if (Languages.Count > 0)
        {
            for (var k = 0; k < Languages[0].PerIntent.Count; k++)
            {
                md.Append(c, $"| {Languages[0].PerIntent[k].Intent} |");
                foreach (var l in Languages)
                {
                    var m = l.PerIntent[k];
                    md.Append(c, $" {Percent(m.F1)} | {Percent(m.Precision)} / {Percent(m.Recall)} | {m.Support} |");
                }

                md.AppendLine();
            }
        }

        md.AppendLine();
        md.AppendLine("## Most frequent confusions");
        md.AppendLine();
        md.AppendLine("| language | expected | predicted as | count |");
        md.AppendLine("|---|---|---|---:|");
        foreach (var confusion in TopConfusions.Take(15))
        {
            md.AppendLine(c, $"| {confusion.Language} | {confusion.Expected} | {confusion.Predicted} | {confusion.Count} |");
        }

        foreach (var l in Languages)
        {
            md.AppendLine();
            md.AppendLine(c, $"## Confusion table, {l.Language} (rows expected, columns predicted)");
            md.AppendLine();
            md.Append("| expected \\ predicted |");
            for (var j = 0; j < l.Labels.Count; j++)
            {
                md.Append(c, $" {j + 1} |");
            }

            md.AppendLine();
            md.Append("|---|");
            md.Append(string.Concat(Enumerable.Repeat("---:|", l.Labels.Count)));
            md.AppendLine();
            for (var k = 0; k < l.Labels.Count; k++)
            {
                md.Append(c, $"| {k + 1} {l.Labels[k]} |");
                foreach (var count in l.ConfusionMatrix[k])
                {
                    md.Append(count == 0 ? " · |" : string.Create(c, $" {count} |"));
                }

                md.AppendLine();
            }
        }

        md.AppendLine();
        md.AppendLine("## Speed (machine-dependent)");
        md.AppendLine();
        if (speed is null)
        {
            md.AppendLine("Not measured in this run.");
            return md.ToString();
        }

        md.AppendLine(c, $"The same run, on {machine ?? "an unnamed machine"}; docs/performance.md quotes these figures.");
        md.AppendLine();
        md.AppendLine("| figure | measured |");
        md.AppendLine("|---|---:|");
        foreach (var (figure, value) in speed.Rows())
        {
            md.AppendLine(c, $"| {figure} | {value} |");
        }

        return md.ToString();
    }

    private static string Truncate(string text) => text.Length <= BotAnalyzerOptions.MaxTextLength ? text : text[..BotAnalyzerOptions.MaxTextLength];

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Intent '{label}' is not known to the classifier.");
    }

    private static double Ratio(double part, double whole) => whole == 0 ? 0 : part / whole;

    private static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private sealed class AngerCounter
    {
        private int _angry;
        private int _flagged;
        private int _caught;

        public void Add(bool isAngry, bool flagged)
        {
            _angry += isAngry ? 1 : 0;
            _flagged += flagged ? 1 : 0;
            _caught += isAngry && flagged ? 1 : 0;
        }

        public AngerMetrics ToMetrics(string scope) =>
            new(scope, _angry, _flagged, _caught, Ratio(_caught, _flagged), Ratio(_caught, _angry));
    }
}
