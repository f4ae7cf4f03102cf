using System.Globalization;
using System.Text.Json;
using Conversations.Load.Measurement;
using Conversations.Load.Reporting;
using Conversations.Load.Scenarios;

namespace Conversations.Load.Workers;

/// <summary>The worker side of a sharded run: connect, say ready, wait for the go, run, write the result for the parent.</summary>
internal static class WorkerHost
{
    public static async Task<int> RunAsync(LoadOptions options, Scenario scenario, IReadOnlyDictionary<string, IReadOnlyList<string>> demoOrders, CancellationToken cancellationToken)
    {
        TextWriter output = Console.Out;
        var runner = new LoadRunner(options, scenario, options.Url, echoServer: false, TextWriter.Null, demoOrders);
        RunResult result = await runner.RunAsync(
            async ct =>
            {
                await output.WriteLineAsync(WorkerProtocol.Ready);
                await output.FlushAsync(ct);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(TimeSpan.FromMinutes(30));
                while (await Console.In.ReadLineAsync(deadline.Token) is { } line)
                {
                    if (line.Trim() == WorkerProtocol.Go)
                    {
                        return;
                    }
                }

                throw new LoadException("WORKER_ORPHANED", "The parent closed stdin before saying go.");
            },
            (metrics, _) =>
            {
                long errors = metrics.Errors.Values.Sum();
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{WorkerProtocol.Progress} {metrics.OpenConnections} {metrics.Get(Counter.MessagesSent)} {metrics.Get(Counter.MessagesAcked)} {errors}"));
                output.Flush();
            },
            cancellationToken);

        Directory.CreateDirectory(options.OutDirectory);
        await File.WriteAllTextAsync(
            Path.Combine(options.OutDirectory, WorkerProtocol.ResultFile),
            JsonSerializer.Serialize(result, ReportWriter.JsonOptions),
            cancellationToken);
        return 0;
    }
}
