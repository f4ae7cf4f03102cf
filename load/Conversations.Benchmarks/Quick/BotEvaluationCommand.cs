using Conversations.Bot.Quality;
using Conversations.Bot.Training;

namespace Conversations.Benchmarks.Quick;

/// <summary>
/// <c>bot-eval</c>: trains once on the shipped data's training split (timed, memory measured), times that model
/// over the held-out messages, evaluates it on them, and writes docs/bot-quality.md; prints the same speed figures
/// as rows for docs/performance.md, so both documents quote one run.
/// </summary>
public static class BotEvaluationCommand
{
    public static int Run(string[] args)
    {
        var output = args.Length > 0 ? args[0] : Path.Combine(FindRepositoryRoot(), "docs", "bot-quality.md");
        var corpus = TrainingCorpus.LoadEmbedded();
        var (analyzer, speed) = AnalysisSpeed.TrainAndMeasure(corpus);
        var evaluation = Evaluation.Evaluate(analyzer, corpus);
        var machine = $"{BenchmarkMachine.Describe()}, load average {BenchmarkMachine.LoadAverage()} at the end, {DateTime.UtcNow:yyyy-MM-dd}";
        File.WriteAllText(output, evaluation.ToMarkdown(speed, machine));
        Console.Error.WriteLine($"wrote {output}");

        Console.WriteLine($"Bot figures for docs/performance.md ({machine}; `{Evaluation.Command}`):");
        foreach (var (figure, value) in speed.Rows())
        {
            Console.WriteLine($"| {figure} | {value} |");
        }

        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(speed));
        return 0;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conversations.sln"))) return dir.FullName;
        }

        return Directory.GetCurrentDirectory();
    }
}
