using Conversations.Bot.Knowledge;
using Conversations.Bot.Training;

namespace Conversations.Bot.Tests.Fixtures;

/// <summary>The production model trained once from the shipped data, shared by the tests that need it.</summary>
public sealed class EmbeddedModelFixture
{
    public EmbeddedModelFixture()
    {
        Corpus = TrainingCorpus.LoadEmbedded();
        Analyzer = BotModel.Train(Corpus);
        KnowledgeBase = KnowledgeLoader.CreateEmbeddedKnowledgeBase();
    }

    public TrainingCorpus Corpus { get; }

    public BotAnalyzer Analyzer { get; }

    public KnowledgeBase KnowledgeBase { get; }
}
