using System.Globalization;
using System.Net;

namespace Conversations.Load;

/// <summary>The command line of the load tool (PROTOCOL.md, "Load tool"), validated.</summary>
public sealed record LoadOptions
{
    public const string Usage = """
        Conversations.Load — drives customers and agents against a Conversations server and reports what held.

        dotnet run -c Release --project load/Conversations.Load -- \
            --url http://127.0.0.1:5080 --scenario load/scenarios/peak-sale.json \
            --customers 5000 --agents 200 --duration 60 --out DIR

          --url URL               the server (loopback only: 127.0.0.0/8 or localhost)          [http://127.0.0.1:5080]
          --scenario FILE         scenario .json, or a recorded trace .jsonl                     [load/scenarios/peak-sale.json]
          --customers N           customer connections                                           [1000]
          --agents N              agent connections                                              [50]
          --duration S            seconds of load after everyone connected                       [60]
          --out DIR               where report.json, report.html and the charts go               [load-report]
          --rate R|max            customer messages per second, overriding the scenario; "max" has
                                  every customer send as soon as the previous answer came (saturation)
          --spike-multiplier M    override the scenario's spike multiplier
          --baseline              also run the same pattern against a bare SignalR echo hub hosted
                                  in-process, and report the engine as a ratio of it
          --baseline-only         run only the echo-hub baseline (no server needed)
          --warm-up S             first run the same pattern for S seconds from other customers and
                                  with no agents, not counted (and again before the baseline): a
                                  fresh server spends about its first minute under load compiling
          --workers N             shard customers over N worker processes (automatic above 15,000)
          --connect-rate N        new connections per second while connecting                     [500]
          --source-addresses N    spread connections over the loopback source addresses 127.0.0.1…N
                                  (one source address has about 28,000 ports towards one server)  [1]
          --seed N                override the scenario's random seed
          --help                  this text
        """;

    /// <summary>Above this many customers per process the tool shards (one process may hold 20,000 open files here).</summary>
    public const int CustomersPerWorker = 15_000;

    public Uri Url { get; init; } = new("http://127.0.0.1:5080");

    public string ScenarioPath { get; init; } = "load/scenarios/peak-sale.json";

    public int Customers { get; init; } = 1000;

    public int Agents { get; init; } = 50;

    public double DurationSeconds { get; init; } = 60;

    public string OutDirectory { get; init; } = "load-report";

    public double? Rate { get; init; }

    /// <summary>Every customer sends as soon as it is ready, no think time, no arrival curve.</summary>
    public bool MaxRate { get; init; }

    public double? SpikeMultiplier { get; init; }

    public bool Baseline { get; init; }

    /// <summary>
    /// Seconds of the same pattern before the measured run (and before the baseline), from other customers and
    /// with no agents, not counted: a fresh server compiles and tiers up its code for about a minute under load.
    /// </summary>
    public double WarmUpSeconds { get; init; }

    public bool BaselineOnly { get; init; }

    public int Workers { get; init; }

    public double ConnectRate { get; init; } = 500;

    /// <summary>How many loopback source addresses (127.0.0.1 up) connections are spread over; 1 leaves the choice to the system.</summary>
    public int SourceAddresses { get; init; } = 1;

    /// <summary>The local addresses connections are made from, in turn; empty when the system chooses.</summary>
    public IReadOnlyList<IPAddress> LocalAddresses =>
        SourceAddresses <= 1 ? [] : [.. Enumerable.Range(1, SourceAddresses).Select(i => new IPAddress([127, 0, (byte)(i >> 8), (byte)(i & 0xFF)]))];

    public int? Seed { get; init; }

    public bool Help { get; init; }

    /// <summary>Set on worker processes: this worker's index and the number of workers.</summary>
    public int? WorkerIndex { get; init; }

    public int WorkerCount { get; init; } = 1;

    /// <summary>Set on worker processes: ids start after the customers and agents of the workers before.</summary>
    public int CustomerOffset { get; init; }

    public int AgentOffset { get; init; }

    /// <summary>The number of worker processes this run shards over (1 = none).</summary>
    public int EffectiveWorkers =>
        WorkerIndex is not null ? 1 : Workers > 0 ? Workers : Math.Max(1, (int)Math.Ceiling(Customers / (double)CustomersPerWorker));

    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has a wrong one; the message says which.</exception>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"{name} needs a value.");
                }

                return args[++i];
            }

            options = name switch
            {
                "--url" => options with { Url = ParseUrl(Value()) },
                "--scenario" => options with { ScenarioPath = Value() },
                "--customers" => options with { Customers = ParseInt(name, Value(), 0, 1_000_000) },
                "--agents" => options with { Agents = ParseInt(name, Value(), 0, 100_000) },
                "--duration" => options with { DurationSeconds = ParseDouble(name, Value(), 1, 86_400) },
                "--out" => options with { OutDirectory = Value() },
                "--rate" => Value() is var r && r.Equals("max", StringComparison.OrdinalIgnoreCase)
                    ? options with { MaxRate = true, Rate = null }
                    : options with { Rate = ParseDouble(name, r, 0.001, 10_000_000), MaxRate = false },
                "--spike-multiplier" => options with { SpikeMultiplier = ParseDouble(name, Value(), 1, 1000) },
                "--baseline" => options with { Baseline = true },
                "--warm-up" => options with { WarmUpSeconds = ParseDouble(name, Value(), 1, 3_600) },
                "--baseline-only" => options with { BaselineOnly = true, Baseline = true },
                "--workers" => options with { Workers = ParseInt(name, Value(), 1, 64) },
                "--connect-rate" => options with { ConnectRate = ParseDouble(name, Value(), 1, 100_000) },
                "--source-addresses" => options with { SourceAddresses = ParseInt(name, Value(), 1, 65_000) },
                "--seed" => options with { Seed = ParseInt(name, Value(), 0, int.MaxValue) },
                "--worker" => ParseWorker(options, Value()),
                "--customer-offset" => options with { CustomerOffset = ParseInt(name, Value(), 0, 1_000_000) },
                "--agent-offset" => options with { AgentOffset = ParseInt(name, Value(), 0, 1_000_000) },
                "--help" or "-h" or "-?" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{name}'. Run with --help for the list."),
            };
        }

        if (options.SourceAddresses > 1
            && !(IPAddress.TryParse(options.Url.Host, out IPAddress? host) && host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))
        {
            throw new ArgumentException("--source-addresses needs an IPv4 loopback --url such as http://127.0.0.1:5080.");
        }

        if (options.WarmUpSeconds > 0 && options.EffectiveWorkers > 1)
        {
            throw new ArgumentException("--warm-up runs in one process; it cannot be combined with worker processes (--workers, or more than 15,000 customers).");
        }

        return options;
    }

    /// <summary>The arguments a worker process gets: the same run, its share of customers, agents and rate.</summary>
    public IReadOnlyList<string> ToWorkerArguments(int index, int count, string outDirectory, double? workerRate)
    {
        int customers = Share(Customers, index, count);
        int agents = Share(Agents, index, count);
        var args = new List<string>
        {
            "--url", Url.ToString(),
            "--scenario", Path.GetFullPath(ScenarioPath),
            "--customers", customers.ToString(CultureInfo.InvariantCulture),
            "--agents", agents.ToString(CultureInfo.InvariantCulture),
            "--duration", DurationSeconds.ToString(CultureInfo.InvariantCulture),
            "--out", outDirectory,
            "--connect-rate", (ConnectRate / count).ToString(CultureInfo.InvariantCulture),
            "--source-addresses", SourceAddresses.ToString(CultureInfo.InvariantCulture),
            "--worker", $"{index}/{count}",
            "--customer-offset", Enumerable.Range(0, index).Sum(w => Share(Customers, w, count)).ToString(CultureInfo.InvariantCulture),
            "--agent-offset", Enumerable.Range(0, index).Sum(w => Share(Agents, w, count)).ToString(CultureInfo.InvariantCulture),
        };
        if (MaxRate)
        {
            args.AddRange(["--rate", "max"]);
        }
        else if (workerRate is { } rate)
        {
            args.AddRange(["--rate", rate.ToString(CultureInfo.InvariantCulture)]);
        }

        if (SpikeMultiplier is { } m)
        {
            args.AddRange(["--spike-multiplier", m.ToString(CultureInfo.InvariantCulture)]);
        }

        args.AddRange(["--seed", ((Seed ?? 1) + index).ToString(CultureInfo.InvariantCulture)]);
        return args;
    }

    /// <summary>Worker <paramref name="index"/>'s part of <paramref name="total"/>, the remainder going to the first ones.</summary>
    public static int Share(int total, int index, int count) => (total / count) + (index < total % count ? 1 : 0);

    /// <summary>Only loopback: this tool opens thousands of connections and must never point them at someone else's machine.</summary>
    public static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--url must be an absolute http(s) URL, got '{text}'.");
        }

        bool loopback = url.IsLoopback && (url.HostNameType != UriHostNameType.Dns || url.Host == "localhost");
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out IPAddress? address))
        {
            loopback = IPAddress.IsLoopback(address);
        }

        if (!loopback)
        {
            throw new ArgumentException($"--url must point at this machine (127.0.0.0/8, [::1] or localhost), got '{url.Host}'.");
        }

        return url;
    }

    private static LoadOptions ParseWorker(LoadOptions options, string value)
    {
        string[] parts = value.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int count)
            || count < 1 || index < 0 || index >= count)
        {
            throw new ArgumentException($"--worker must be INDEX/COUNT with 0 <= INDEX < COUNT, got '{value}'.");
        }

        return options with { WorkerIndex = index, WorkerCount = count };
    }

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) && parsed >= min && parsed <= max
            ? parsed
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, got '{value}'.");

    private static double ParseDouble(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && parsed >= min && parsed <= max
            ? parsed
            : throw new ArgumentException($"{name} must be a number from {min} to {max}, got '{value}'.");
}
