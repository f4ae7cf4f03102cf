using Conversations.Bot.Entities;
using Conversations.Bot.Intents;
using Conversations.Bot.Internal;
using Conversations.Bot.Sentiment;
using Conversations.Bot.Text;
using Conversations.Bot.Training;

namespace Conversations.Bot;

/// <summary>
/// Builds a <see cref="BotAnalyzer"/> by training at start-up. Models learn from the training split
/// only, so the held-out split stays an honest measure of what ships.
/// </summary>
public static class BotModel
{
    private const int NeutralSampling = 10;

    /// <summary>Trains on the data files embedded in this assembly (a second or so on two cores).</summary>
    public static BotAnalyzer TrainFromEmbeddedData(BotAnalyzerOptions? options = null) =>
        Train(TrainingCorpus.LoadEmbedded(), options);

    /// <summary>Trains on the training split of <paramref name="corpus"/>; its held-out examples are never seen.</summary>
    public static BotAnalyzer Train(TrainingCorpus corpus, BotAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        options ??= new BotAnalyzerOptions();
        options.Validate();
        if (corpus.TrainingIntents.Count == 0 || corpus.TrainingSentiments.Count == 0)
        {
            throw new ArgumentException(
                $"The corpus has {corpus.TrainingIntents.Count} intent and {corpus.TrainingSentiments.Count} sentiment training examples; both are needed.",
                nameof(corpus));
        }

        var extractor = new EntityExtractor(options.Entities);
        IntentClassifier? intents = null;
        SentimentAnalyzer? sentiment = null;
        Parallel.Invoke(
            () => intents = IntentClassifier.Train(corpus.TrainingIntents, options.Training, extractor, BotIntents.All),
            () => sentiment = SentimentAnalyzer.Train(SentimentExamples(corpus), options.Training, extractor, options.AngerThreshold));
        return new BotAnalyzer(intents!, sentiment!, extractor, options);
    }

    /// <summary>
    /// The sentiment examples plus calm customer questions from the intent training split, labelled
    /// neutral. The angry examples are full of "refund" and "order"; without everyday questions about
    /// refunds and orders the model learns that those words themselves are angry. Only intents that are
    /// usually matter-of-fact contribute, only messages without any anger cue, and only one in
    /// <see cref="NeutralSampling"/>, so the sentiment files stay the main teacher.
    /// </summary>
    internal static IReadOnlyList<LabeledText> SentimentExamples(TrainingCorpus corpus)
    {
        var examples = new List<LabeledText>(corpus.TrainingSentiments);
        var taken = 0;
        foreach (var example in corpus.TrainingIntents)
        {
            if (example.Label is BotIntents.Complaint or BotIntents.DamagedOrWrongItem or BotIntents.Thanks
                || AngerCues.Detect(example.Text, TextNormalizer.Normalize(example.Text)).Boost > 0)
            {
                continue;
            }

            if (taken++ % NeutralSampling == 0)
            {
                examples.Add(example with { Label = SentimentLabels.Neutral });
            }
        }

        return examples;
    }
}
