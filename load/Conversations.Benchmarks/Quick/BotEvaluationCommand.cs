using System.Diagnostics;
using Conversations.Bot;
using Conversations.Bot.Quality;

namespace Conversations.Benchmarks.Quick;

/// <summary>
/// <c>bot-eval</c>: trains on the shipped data's training split, evaluates on the held-out split, writes
/// docs/bot-quality.md; and measures analysis latency, training time and model memory for docs/performance.md.
/// </summary>
public static class BotEvaluationCommand
{
    public static int Run(string[] args)
    {
        var output = args.Length > 0 ? args[0] : Path.Combine(FindRepositoryRoot(), "docs", "bot-quality.md");
        var evaluation = Evaluation.RunOnEmbeddedData();
        File.WriteAllText(output, evaluation.ToMarkdown());
        Console.Error.WriteLine($"wrote {output}");

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        var analyzer = BotModel.TrainFromEmbeddedData();
        var trainingMs = stopwatch.Elapsed.TotalMilliseconds;
        var modelBytes = GC.GetTotalMemory(forceFullCollection: true) - before;

        string[] samples =
        [
            "亲 我的订单2026111100001234到底啥时候发货啊",
            "where is my order 2026111100005678 pls",
            "衣服破了一个洞 要退货",
            "this is the worst service ever, I want a refund NOW!!!",
            "满300减50能和优惠券一起用吗",
            "can I get an invoice for my company",
        ];
        for (var i = 0; i < 2000; i++) analyzer.Analyze(samples[i % samples.Length]);
        var latencies = new double[20_000];
        for (var i = 0; i < latencies.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            analyzer.Analyze(samples[i % samples.Length]);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        Array.Sort(latencies);
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
        {
            analyzeP50Us = Math.Round(latencies[latencies.Length / 2], 1),
            analyzeP99Us = Math.Round(latencies[(int)(latencies.Length * 0.99)], 1),
            trainingMs = Math.Round(trainingMs),
            modelBytes,
        }));
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
