using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Conversations.Load.Clients;
using Conversations.Load.Internal;
using Conversations.Load.Measurement;
using Conversations.Load.Reporting;
using Conversations.Load.Scenarios;

namespace Conversations.Load.Workers;

/// <summary>
/// Shards a run over worker processes of this same tool (one process may hold 20,000 open files here), starts their
/// load phases together, and merges their results.
/// </summary>
internal sealed class WorkerCoordinator(LoadOptions options, Scenario scenario, TextWriter console)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, long[]> _progress = [];

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        int count = options.EffectiveWorkers;
        console.WriteLine($"Sharding {options.Customers} customers and {options.Agents} agents over {count} worker processes…");
        using var tokens = new DevTokenClient(options.Url);
        (int windows, double width) = LoadRunner.WindowsFor(options.DurationSeconds);
        var parentMetrics = new RunMetrics(windows, width);
        var stats = new StatsPoller(tokens, parentMetrics);
        bool statsAvailable = await stats.InitializeAsync(cancellationToken);
        int? serverPid = ServerProcessProbe.FindListeningProcess(options.Url.Port);
        long? rssBefore = serverPid is { } p0 ? ServerProcessProbe.ResidentBytes(p0) : null;

        var workers = new List<(Process Process, TaskCompletionSource Ready, string Directory)>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                string directory = Path.GetFullPath(Path.Combine(options.OutDirectory, $"worker-{i}"));
                double? rate = options.MaxRate ? null : scenario.Arrival.Rate / count;
                workers.Add(Start(i, options.ToWorkerArguments(i, count, directory, rate), directory));
            }

            // Connecting is paced; give it the time the pace needs, plus slack, before calling a worker stuck.
            TimeSpan connectBudget = TimeSpan.FromSeconds(((options.Customers + options.Agents) / options.ConnectRate) + 180);
            Task allExited = Task.WhenAll(workers.Select(w => w.Process.WaitForExitAsync(cancellationToken)));
            Task allReady = Task.WhenAll(workers.Select(w => w.Ready.Task));
            Task first = await Task.WhenAny(allReady, allExited, Task.Delay(connectBudget, cancellationToken));
            if (first != allReady)
            {
                throw new LoadException("WORKER_FAILED", "A worker ended or did not connect in time; see its output above.");
            }

            long? rssConnected = serverPid is { } p1 ? ServerProcessProbe.ResidentBytes(p1) : null;
            foreach ((Process process, _, _) in workers)
            {
                await process.StandardInput.WriteLineAsync(WorkerProtocol.Go.AsMemory(), cancellationToken);
                await process.StandardInput.FlushAsync(cancellationToken);
            }

            parentMetrics.StartClock();
            var clock = Stopwatch.StartNew();
            using var background = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task statsTask = statsAvailable ? stats.RunAsync(background.Token) : Task.CompletedTask;
            Task progressTask = ShowProgressAsync(parentMetrics, stats, background.Token);

            TimeSpan runBudget = TimeSpan.FromSeconds(options.DurationSeconds + 400);
            if (await Task.WhenAny(allExited, Task.Delay(runBudget, cancellationToken)) != allExited)
            {
                throw new LoadException("WORKER_FAILED", "A worker did not finish in time.");
            }

            if (statsAvailable)
            {
                await stats.PollOnceAsync(cancellationToken);
            }

            await background.CancelAsync();
            await Task.WhenAll(statsTask, progressTask);
            return Merge(workers.Select(w => w.Directory).ToList(), parentMetrics, stats, rssBefore, rssConnected, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach ((Process process, _, _) in workers)
            {
                if (!process.HasExited)
                {
                    // Only the workers this run started, by their own handle.
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    private (Process, TaskCompletionSource, string) Start(int index, IReadOnlyList<string> arguments, string directory)
    {
        string executable = Environment.ProcessPath ?? throw new LoadException("WORKER_FAILED", "Cannot find this tool's executable to start workers.");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(executable).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => OnWorkerLine(index, e.Data, ready);
        process.Start();
        process.BeginOutputReadLine();
        return (process, ready, directory);
    }

    private void OnWorkerLine(int index, string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        if (line == WorkerProtocol.Ready)
        {
            ready.TrySetResult();
        }
        else if (line.StartsWith(WorkerProtocol.Progress, StringComparison.Ordinal))
        {
            long[] values = [.. line[WorkerProtocol.Progress.Length..]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => long.TryParse(v, CultureInfo.InvariantCulture, out long n) ? n : 0)];
            lock (_lock)
            {
                _progress[index] = values;
            }
        }
        else
        {
            console.WriteLine($"[worker {index}] {line}");
        }
    }

    private async Task ShowProgressAsync(RunMetrics parentMetrics, StatsPoller stats, CancellationToken cancellationToken)
    {
        var display = new ConsoleProgress(console, options.DurationSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        long lastSent = 0;
        long lastAcked = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                long[] totals = new long[4];
                lock (_lock)
                {
                    foreach (long[] values in _progress.Values)
                    {
                        for (int i = 0; i < Math.Min(4, values.Length); i++)
                        {
                            totals[i] += values[i];
                        }
                    }
                }

                display.Print(parentMetrics.Elapsed, totals[0], totals[1] - lastSent, totals[2] - lastAcked, totals[2], double.NaN, double.NaN, StatsPoller.Number(stats.Last, "queued"), totals[3]);
                lastSent = totals[1];
                lastAcked = totals[2];
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            display.Finish();
        }
    }

    private static RunResult Merge(List<string> directories, RunMetrics parentMetrics, StatsPoller stats, long? rssBefore, long? rssConnected, double seconds)
    {
        RunMetrics merged = ReportBuilder.Rebuild(parentMetrics.Snapshot());
        TranscriptAudit audit = TranscriptAudit.Empty;
        int audited = 0;
        int unreadable = 0;
        int connected = 0;
        long unserved = 0;
        long clientBytes = 0;
        double loadSeconds = 0;
        double gcPause = 0;
        var examples = new List<string>();
        foreach (string directory in directories)
        {
            string file = Path.Combine(directory, WorkerProtocol.ResultFile);
            if (!File.Exists(file))
            {
                throw new LoadException("WORKER_FAILED", $"The worker writing to {directory} left no result.");
            }

            RunResult worker = JsonSerializer.Deserialize<RunResult>(File.ReadAllText(file), ReportWriter.JsonOptions)
                ?? throw new LoadException("WORKER_FAILED", $"{file} is empty.");
            merged.Merge(worker.Metrics);
            audit = audit.Plus(worker.Audit);
            audited += worker.SessionsAudited;
            unreadable += worker.SessionsUnreadable;
            connected += worker.CustomersConnected;
            unserved += worker.ArrivalsUnserved;
            clientBytes += worker.ClientWorkingSetBytes;
            loadSeconds = Math.Max(loadSeconds, worker.LoadSeconds);
            gcPause = Math.Max(gcPause, worker.ClientGcPauseMilliseconds);
            examples.AddRange(worker.LostExamples ?? []);
        }

        return new RunResult(
            merged.Snapshot(),
            audit,
            audited,
            unreadable,
            loadSeconds > 0 ? loadSeconds : seconds,
            connected,
            unserved,
            clientBytes,
            stats.Last,
            rssBefore,
            rssConnected,
            gcPause,
            [.. examples.Take(20)]);
    }
}
