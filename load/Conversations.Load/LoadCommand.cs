using System.Globalization;
using Conversations.Load.Baseline;
using Conversations.Load.Measurement;
using Conversations.Load.Reporting;
using Conversations.Load.Scenarios;
using Conversations.Load.Workers;

namespace Conversations.Load;

/// <summary>The tool's entry: parse, load the scenario, run (sharded or not, with or without the echo baseline), report.</summary>
public static class LoadCommand
{
    /// <returns>0 when the run completed without lost or duplicated messages, 1 when some were, 2 on bad input, 3 when the run failed.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        LoadOptions options;
        Scenario scenario;
        try
        {
            options = LoadOptions.Parse(args);
            if (options.Help)
            {
                await output.WriteLineAsync(LoadOptions.Usage);
                return 0;
            }

            scenario = ApplyOverrides(ScenarioParser.Load(options.ScenarioPath), options);
            if (options.WarmUpSeconds > 0 && scenario.Trace is not null)
            {
                throw new ArgumentException("--warm-up needs a scenario with a conversation mix: a recorded trace names its own customers.");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or ScenarioException)
        {
            await error.WriteLineAsync("error: " + ex.Message);
            await error.WriteLineAsync("Run with --help for the options.");
            return 2;
        }

        IReadOnlyDictionary<string, IReadOnlyList<string>> demoOrders = LoadRunner.LoadDemoOrders(FindDemoOrders());
        try
        {
            if (options.WorkerIndex is not null)
            {
                return await WorkerHost.RunAsync(options, scenario, demoOrders, cancellationToken);
            }

            DateTimeOffset startedAt = DateTimeOffset.UtcNow;
            RunResult? engine = null;
            if (!options.BaselineOnly)
            {
                await output.WriteLineAsync($"Scenario {scenario.Name}: {(options.MaxRate ? "saturation (--rate max)" : scenario.Trace is null ? $"{scenario.Arrival.Rate} msg/s" : $"trace of {scenario.Trace.Count} messages")}, spike {(scenario.Arrival.Spike is { } s ? $"{s.Multiplier}× at {s.AtSeconds} s" : "none")}");
                engine = options.EffectiveWorkers > 1
                    ? await new WorkerCoordinator(options, scenario, output).RunAsync(cancellationToken)
                    : await RunSingleAsync(options, scenario, options.Url, echo: false, output, demoOrders, cancellationToken);
            }

            RunResult? baseline = null;
            Uri? echoUrl = null;
            if (options.Baseline)
            {
                await output.WriteLineAsync("Baseline: the same pattern against a bare SignalR echo hub in this process…");
                await using EchoServer echo = await EchoServer.StartAsync(cancellationToken);
                echoUrl = echo.Url;
                LoadOptions echoOptions = options with { Agents = 0, Url = echo.Url };
                baseline = await RunSingleAsync(echoOptions, scenario, echo.Url, echo: true, output, demoOrders, cancellationToken);
            }

            LoadReport report = engine is null
                ? ReportBuilder.Build(options with { Agents = 0, Url = echoUrl! }, scenario, "baseline", startedAt, baseline!, null)
                : ReportBuilder.Build(options, scenario, "engine", startedAt, engine, baseline);
            (double, double)? spike = scenario.Arrival.Spike is { } sp && !options.MaxRate
                ? (sp.AtSeconds, sp.AtSeconds + (2 * sp.RampSeconds) + sp.HoldSeconds)
                : null;
            ReportWriter.Write(options.OutDirectory, report, spike);
            ConsoleProgress.PrintSummary(output, report);
            await output.WriteLineAsync($"Report: {Path.GetFullPath(Path.Combine(options.OutDirectory, "report.html"))}");
            return report.MessagesLost > 0 || report.Duplicates > 0 ? 1 : 0;
        }
        catch (LoadException ex)
        {
            await error.WriteLineAsync($"error: {ex.Code}: {ex.Message}");
            return 3;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Cancelled.");
            return 3;
        }
    }

    public static Scenario ApplyOverrides(Scenario scenario, LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        return scenario with
        {
            Arrival = scenario.Arrival.WithOverrides(options.Rate, options.SpikeMultiplier),
            Seed = options.Seed ?? scenario.Seed,
        };
    }

    /// <summary>
    /// The scenario a warm-up runs: the same mix and steady rate without the spike, from customers of its own
    /// (<c>warm-up-</c> before the synthetic prefix, no demo customers), so the measured run starts clean.
    /// </summary>
    public static Scenario WarmUpScenario(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario with
        {
            Arrival = scenario.Arrival with { Spike = null },
            Customers = scenario.Customers with { DemoCustomers = false, SyntheticPrefix = "warm-up-" + scenario.Customers.SyntheticPrefix },
        };
    }

    private static async Task<RunResult> RunSingleAsync(
        LoadOptions options,
        Scenario scenario,
        Uri url,
        bool echo,
        TextWriter output,
        IReadOnlyDictionary<string, IReadOnlyList<string>> demoOrders,
        CancellationToken cancellationToken)
    {
        if (options.WarmUpSeconds > 0)
        {
            // No agents: nothing is left queued for the measured run's agents; the bot keeps every conversation.
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Warm-up: {options.WarmUpSeconds:0.#} s of the same pattern from other customers, no agents, not counted…"));
            RunResult warm = await RunSingleAsync(
                options with { Agents = 0, DurationSeconds = options.WarmUpSeconds, WarmUpSeconds = 0 },
                WarmUpScenario(scenario),
                url,
                echo,
                output,
                demoOrders,
                cancellationToken);
            await output.WriteLineAsync(
                $"Warm-up done: {warm.Metrics.Counters[nameof(Counter.MessagesAcked)]} acknowledged, {warm.Audit.Lost} lost, {warm.Audit.Duplicates} duplicated.");
        }

        var progress = new ConsoleProgress(output, options.DurationSeconds);
        var runner = new LoadRunner(options, scenario, url, echo, output, demoOrders);
        try
        {
            return await runner.RunAsync(null, progress.Update, cancellationToken);
        }
        finally
        {
            progress.Finish();
        }
    }

    /// <summary>The demo orders file, looked for upward from the working directory and from the tool's own folder.</summary>
    private static string? FindDemoOrders()
    {
        string relative = Path.Combine("src", "Conversations.Bot", "Data", "demo", "orders.json");
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
