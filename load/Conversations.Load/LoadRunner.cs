using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Conversations.Load.Arrival;
using Conversations.Load.Clients;
using Conversations.Load.Internal;
using Conversations.Load.Measurement;
using Conversations.Load.Scenarios;

namespace Conversations.Load;

/// <summary>One run in this process: connect agents and customers, drive the load phase, read transcripts back.</summary>
public sealed class LoadRunner
{
    private const int DemoCustomerCount = 12;
    private const int ConnectConcurrency = 128;
    private const int AuditConcurrency = 64;

    private readonly LoadOptions _options;
    private readonly Scenario _scenario;
    private readonly Uri _url;
    private readonly bool _echoServer;
    private readonly TextWriter _console;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _demoOrders;

    /// <param name="echoServer">The target is the bare echo hub: customers only, no handoffs, no audit.</param>
    /// <param name="demoOrders">Order ids of the demo customers c-1001…c-1012, by customer.</param>
    public LoadRunner(LoadOptions options, Scenario scenario, Uri url, bool echoServer, TextWriter console, IReadOnlyDictionary<string, IReadOnlyList<string>> demoOrders)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(demoOrders);
        _options = options;
        _scenario = scenario;
        _url = url;
        _echoServer = echoServer;
        _console = console;
        _demoOrders = demoOrders;
    }

    /// <summary>Seconds of chart windows kept after the load phase (drain and audit).</summary>
    public static (int Windows, double WindowSeconds) WindowsFor(double durationSeconds)
    {
        double total = durationSeconds + 120;
        double width = Math.Max(1, Math.Ceiling(total / 600));
        return ((int)Math.Ceiling(total / width) + 1, width);
    }

    /// <param name="beforeLoad">Called once everyone is connected (a worker reports ready and waits for the go).</param>
    /// <param name="progress">Called about once a second during the load phase with the live metrics.</param>
    public async Task<RunResult> RunAsync(Func<CancellationToken, Task>? beforeLoad, Action<RunMetrics, StatsPoller>? progress, CancellationToken cancellationToken)
    {
        (int windows, double width) = WindowsFor(_options.DurationSeconds);
        var metrics = new RunMetrics(windows, width);
        metrics.InSteady = _scenario.Arrival.InSteady;
        using var tokens = new DevTokenClient(_url);
        await EnsureReadyAsync(tokens, cancellationToken);

        PermitSource? permits = _options.MaxRate || _scenario.Trace is not null
            ? null
            : new PermitSource(Math.Max(16, Math.Min(_options.Customers, (int)Math.Ceiling(_scenario.Arrival.Rate / 10))));
        var context = new LoadContext(_url, _scenario, metrics, tokens, permits, _echoServer, _options.LocalAddresses);
        var stats = new StatsPoller(tokens, metrics);
        bool statsAvailable = _options.WorkerIndex is null && !_echoServer && await stats.InitializeAsync(cancellationToken);

        int? serverPid = _echoServer ? null : ServerProcessProbe.FindListeningProcess(_url.Port);
        long? rssBefore = serverPid is { } p0 ? ServerProcessProbe.ResidentBytes(p0) : null;

        // Agents first, as a shop opens its console before the sale starts.
        int agentCount = _echoServer ? 0 : _options.Agents;
        var agents = new List<AgentClient>();
        int agentOffset = _options.AgentOffset;
        for (int i = 0; i < agentCount; i++)
        {
            agents.Add(new AgentClient(context, $"load-a-{agentOffset + i + 1}", _scenario.Seed * 7919 + agentOffset + i));
        }

        await ConnectAllAsync(agents.Select(a => (Func<Task<bool>>)(() => a.ConnectAsync(cancellationToken))).ToList(), "agents", cancellationToken);

        List<CustomerClient> customers = CreateCustomers(context);
        int connected = await ConnectAllAsync(customers.Select(c => (Func<Task<bool>>)(() => c.ConnectAsync(cancellationToken))).ToList(), "customers", cancellationToken);
        metrics.Increment(Counter.CustomersConnected, connected);
        long? rssConnected = serverPid is { } p1 ? ServerProcessProbe.ResidentBytes(p1) : null;

        if (beforeLoad is not null)
        {
            await beforeLoad(cancellationToken);
        }

        // The load phase.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var background = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        context.Stopping = stopping.Token;
        metrics.StartClock();
        TimeSpan gcPauseBefore = GC.GetTotalPauseDuration();
        var loadClock = Stopwatch.StartNew();
        Task statsTask = statsAvailable ? stats.RunAsync(background.Token) : Task.CompletedTask;
        Task progressTask = ReportProgressAsync(metrics, stats, progress, background.Token);
        Task permitTask = permits is null
            ? Task.CompletedTask
            : permits.RunAsync(new ArrivalGenerator(_scenario.Arrival, _scenario.Seed), _options.DurationSeconds, () => metrics.Elapsed, stopping.Token);
        List<Task> customerTasks = StartCustomers(customers, metrics, abort.Token);

        stopping.CancelAfter(TimeSpan.FromSeconds(_options.DurationSeconds));
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(_options.DurationSeconds), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await stopping.CancelAsync();
        }

        double loadSeconds = loadClock.Elapsed.TotalSeconds;
        double gcPauseMilliseconds = (GC.GetTotalPauseDuration() - gcPauseBefore).TotalMilliseconds;
        await permitTask;

        // Drain: turns already sent finish (ack and bot reply are bounded by their timeouts), then anything left is cut.
        TimeSpan drain = TimeSpan.FromSeconds(_scenario.Customers.BotReplyTimeoutSeconds + 35);
        try
        {
            await Task.WhenAll(customerTasks).WaitAsync(drain, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            await abort.CancelAsync();
            await Task.WhenAll(customerTasks).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }

        await Task.WhenAll(agents.Select(a => a.StopAsync(TimeSpan.FromSeconds(5))));
        if (!_echoServer)
        {
            _console.WriteLine("Reading every session's transcript back…");
        }

        (TranscriptAudit audit, int audited, int unreadable) = await AuditAsync(customers, cancellationToken);
        if (statsAvailable)
        {
            await stats.PollOnceAsync(cancellationToken);
        }

        await background.CancelAsync();
        await Task.WhenAll(statsTask, progressTask);
        await DisposeAllAsync(customers, agents);
        metrics.Increment(Counter.ArrivalsUnserved, permits?.Unserved ?? 0);

        return new RunResult(
            metrics.Snapshot(),
            audit,
            audited,
            unreadable,
            loadSeconds,
            connected,
            permits?.Unserved ?? 0,
            Environment.WorkingSet,
            stats.Last,
            rssBefore,
            rssConnected,
            Math.Round(gcPauseMilliseconds, 1),
            [.. context.LostExamples]);
    }

    /// <summary>Demo order ids by customer from <c>src/Conversations.Bot/Data/demo/orders.json</c>, or none when it is not found.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> LoadDemoOrders(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray()
            .Where(o => o.TryGetProperty("customerId", out _) && o.TryGetProperty("orderId", out _))
            .GroupBy(o => o.GetProperty("customerId").GetString()!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(o => o.GetProperty("orderId").GetString()!)]);
    }

    private async Task EnsureReadyAsync(DevTokenClient tokens, CancellationToken cancellationToken)
    {
        if (_echoServer)
        {
            return;
        }

        if (await tokens.GetTextAsync("health/ready", cancellationToken) is null)
        {
            throw new LoadException("SERVER_NOT_READY", $"{_url}health/ready did not answer with success; is the server running?");
        }
    }

    private List<CustomerClient> CreateCustomers(LoadContext context)
    {
        var customers = new List<CustomerClient>();
        int count = _options.Customers;
        if (_scenario.Trace is { } trace)
        {
            string[] ids = [.. trace.Select(m => m.CustomerId).Distinct()];
            count = count > 0 ? Math.Min(count, ids.Length) : ids.Length;
            foreach (string id in ids.Take(count))
            {
                customers.Add(new CustomerClient(context, id, OrdersOf(id, 0), _scenario.Seed + customers.Count, _demoOrders.ContainsKey(id)));
            }

            return customers;
        }

        int offset = _options.CustomerOffset;
        for (int i = 0; i < count; i++)
        {
            int global = offset + i;
            string id = _scenario.Customers.DemoCustomers && global < DemoCustomerCount && _demoOrders.Count > 0
                ? $"c-{1001 + global}"
                : _scenario.Customers.SyntheticPrefix + (global + 1).ToString(CultureInfo.InvariantCulture);
            customers.Add(new CustomerClient(context, id, OrdersOf(id, global), (_scenario.Seed * 104_729) + global, _demoOrders.ContainsKey(id)));
        }

        return customers;
    }

    private IReadOnlyList<string> OrdersOf(string customerId, int global)
    {
        if (_demoOrders.TryGetValue(customerId, out IReadOnlyList<string>? orders))
        {
            return orders;
        }

        // Synthetic customers quote plausible 16-digit order numbers of the 11.11 sale that are theirs alone.
        return [string.Create(CultureInfo.InvariantCulture, $"20261111{global + 1:D8}"), string.Create(CultureInfo.InvariantCulture, $"20261110{global + 1:D8}")];
    }

    private List<Task> StartCustomers(List<CustomerClient> customers, RunMetrics metrics, CancellationToken abort)
    {
        if (_scenario.Trace is { } trace)
        {
            ILookup<string, TraceMessage> byCustomer = trace.ToLookup(m => m.CustomerId);
            return [.. customers.Where(c => c.Connected).Select(c => Task.Run(() => c.ReplayAsync([.. byCustomer[c.CustomerId]], () => metrics.Elapsed, abort)))];
        }

        return [.. customers.Where(c => c.Connected).Select(c => Task.Run(() => c.RunAsync(abort)))];
    }

    private async Task<int> ConnectAllAsync(List<Func<Task<bool>>> connects, string what, CancellationToken cancellationToken)
    {
        if (connects.Count == 0)
        {
            return 0;
        }

        _console.WriteLine($"Connecting {connects.Count} {what}…");
        using var gate = new SemaphoreSlim(ConnectConcurrency);
        var clock = Stopwatch.StartNew();
        int connected = 0;
        var tasks = new List<Task>(connects.Count);
        for (int i = 0; i < connects.Count; i++)
        {
            // Pace new connections, as a sale's customers do not all open the widget in the same millisecond.
            double due = i / _options.ConnectRate;
            double wait = due - clock.Elapsed.TotalSeconds;
            if (wait > 0.002)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
            }

            await gate.WaitAsync(cancellationToken);
            Func<Task<bool>> connect = connects[i];
            tasks.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        if (await connect())
                        {
                            Interlocked.Increment(ref connected);
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(tasks);
        _console.WriteLine($"  {connected}/{connects.Count} {what} connected in {clock.Elapsed.TotalSeconds:0.0} s");
        return connected;
    }

    private async Task<(TranscriptAudit Audit, int Sessions, int Unreadable)> AuditAsync(List<CustomerClient> customers, CancellationToken cancellationToken)
    {
        if (_echoServer)
        {
            return (TranscriptAudit.Empty, 0, 0);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(180));
        using var gate = new SemaphoreSlim(AuditConcurrency);
        var total = TranscriptAudit.Empty;
        int sessions = 0;
        int unreadable = 0;
        var sync = new Lock();
        await Task.WhenAll(customers.Select(async customer =>
        {
            try
            {
                await gate.WaitAsync(deadline.Token);
                try
                {
                    (TranscriptAudit audit, int audited, int failed) = await customer.AuditAsync(deadline.Token);
                    lock (sync)
                    {
                        total = total.Plus(audit);
                        sessions += audited;
                        unreadable += failed;
                    }
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                lock (sync)
                {
                    unreadable++;
                }
            }
        }));
        return (total, sessions, unreadable);
    }

    private static async Task ReportProgressAsync(RunMetrics metrics, StatsPoller stats, Action<RunMetrics, StatsPoller>? progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                metrics.Sample(Series.Connections, metrics.OpenConnections);
                progress?.Invoke(metrics, stats);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private static async Task DisposeAllAsync(List<CustomerClient> customers, List<AgentClient> agents)
    {
        Task all = Task.WhenAll(
            customers.Select(c => c.DisposeAsync().AsTask())
                .Concat(agents.Select(a => a.DisposeAsync().AsTask())));
        try
        {
            await all.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            // Closing handshakes that do not finish do not change the results.
        }
    }
}
