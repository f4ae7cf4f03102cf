using System.Diagnostics;
using System.Globalization;
using Conversations.Bot.Training;

namespace Conversations.Bot.Quality;

/// <summary>
/// How fast the NLU is on the machine at hand: start-up training time, model memory, and the latency of one
/// <see cref="BotAnalyzer.Analyze"/> call (intent, sentiment, entities) over every held-out message, whose lengths
/// vary as customers' do. Machine-dependent, unlike <see cref="Evaluation"/>.
/// </summary>
public sealed record AnalysisSpeed(
    TimeSpan TrainingTime,
    long ModelBytes,
    int Messages,
    int ShortestMessage,
    int LongestMessage,
    int TimedCalls,
    TimeSpan WarmUp,
    double P50Microseconds,
    double P99Microseconds,
    double MaxMicroseconds)
{
    /// <summary>Times each held-out message is analysed for the percentiles, after the untimed warm-up.</summary>
    public const int TimedPasses = 5;

    /// <summary>The shortest warm-up by default: long enough for tiered compilation to finish on a busy two-core machine.</summary>
    public static readonly TimeSpan DefaultWarmUp = TimeSpan.FromSeconds(3);

    private const int WarmUpPasses = 2;

    /// <summary>
    /// Trains on <paramref name="corpus"/> as start-up does (timed, heap measured before and after), then times
    /// every held-out intent and sentiment message through the trained analyser, after warming it up for at least
    /// <paramref name="warmUp"/> (<see cref="DefaultWarmUp"/> when null). Returns the analyser for evaluation.
    /// </summary>
    public static (BotAnalyzer Analyzer, AnalysisSpeed Speed) TrainAndMeasure(TrainingCorpus corpus, BotAnalyzerOptions? options = null, TimeSpan? warmUp = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var started = Stopwatch.GetTimestamp();
        var analyzer = BotModel.Train(corpus, options);
        var trainingTime = Stopwatch.GetElapsedTime(started);
        var modelBytes = GC.GetTotalMemory(forceFullCollection: true) - before;

        var messages = corpus.HeldOutIntents.Concat(corpus.HeldOutSentiments)
            .Select(e => e.Text.Length <= BotAnalyzerOptions.MaxTextLength ? e.Text : e.Text[..BotAnalyzerOptions.MaxTextLength])
            .ToArray();
        if (messages.Length == 0) throw new ArgumentException("The corpus has no held-out messages to time.", nameof(corpus));

        // Warm up until tiered compilation has finished: a silo analyses messages for hours, not for its first second.
        var minimumWarmUp = warmUp ?? DefaultWarmUp;
        var warmingSince = Stopwatch.GetTimestamp();
        for (var pass = 0; pass < WarmUpPasses || Stopwatch.GetElapsedTime(warmingSince) < minimumWarmUp; pass++)
        {
            foreach (var message in messages) analyzer.Analyze(message);
        }

        var timedSince = Stopwatch.GetTimestamp();
        var latencies = new double[messages.Length * TimedPasses];
        for (var i = 0; i < latencies.Length; i++)
        {
            var message = messages[i % messages.Length];
            var at = Stopwatch.GetTimestamp();
            analyzer.Analyze(message);
            latencies[i] = Stopwatch.GetElapsedTime(at).TotalMicroseconds;
        }

        Array.Sort(latencies);
        var speed = new AnalysisSpeed(
            trainingTime,
            modelBytes,
            messages.Length,
            messages.Min(m => m.Length),
            messages.Max(m => m.Length),
            latencies.Length,
            Stopwatch.GetElapsedTime(warmingSince, timedSince),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            latencies[^1]);
        return (analyzer, speed);
    }

    /// <summary>The figures as (figure, value) rows, worded for the docs.</summary>
    public IEnumerable<(string Figure, string Value)> Rows()
    {
        var c = CultureInfo.InvariantCulture;
        yield return (string.Create(c, $"analysis of one message (intent + sentiment + entities), p50 / p99, in-process, over the {Messages:N0} held-out messages ({ShortestMessage}–{LongestMessage} characters) × {TimedPasses} = {TimedCalls:N0} calls, after {WarmUp.TotalSeconds:0.0} s of warm-up"),
            string.Create(c, $"{P50Microseconds:0.0} µs / {P99Microseconds:0.0} µs"));
        yield return ("slowest of those calls", string.Create(c, $"{MaxMicroseconds:0} µs"));
        yield return ("start-up training (intent and sentiment models, both languages, first in the process)", string.Create(c, $"{TrainingTime.TotalSeconds:0.00} s"));
        yield return ("model memory (heap delta across training)", string.Create(c, $"{ModelBytes / (1024.0 * 1024.0):0.0} MiB"));
    }

    // Nearest rank: the smallest value with at least that share of the calls at or below it.
    private static double Percentile(double[] sorted, double share) => sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Length) - 1)];
}
