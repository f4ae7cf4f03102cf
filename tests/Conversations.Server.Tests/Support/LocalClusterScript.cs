using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conversations.Server.Tests.Support;

/// <summary>
/// deploy/local/cluster.sh driven the way ops drive it: a throwaway PostgreSQL and N server processes, here in a
/// temporary folder and on free loopback ports, running the server this test run built. Dispose runs <c>down</c>.
/// </summary>
public sealed class LocalClusterScript : IAsyncDisposable
{
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _script;
    private readonly string _parent;
    private readonly Dictionary<string, string> _environment;

    private LocalClusterScript(string script, string parent, Dictionary<string, string> environment, int httpPort, int siloPort)
    {
        _script = script;
        _parent = parent;
        _environment = environment;
        HttpPort = httpPort;
        SiloPort = siloPort;
    }

    /// <summary>HTTP port of silo 1; silo i listens on this + i − 1.</summary>
    public int HttpPort { get; }

    /// <summary>Silo-to-silo port of silo 1; silo i listens on this + i − 1.</summary>
    public int SiloPort { get; }

    /// <summary>CLUSTER_DIR: the database, the pid files and one log per silo.</summary>
    public string ClusterDirectory => _environment["CLUSTER_DIR"];

    public static LocalClusterScript Create(int maxSilos)
    {
        var root = ServerProcess.RepositoryRoot();
        var server = ServerProcess.BuiltServerDll();

        var parent = Directory.CreateTempSubdirectory("conversations-cluster-").FullName;
        // Run as root, cluster.sh starts PostgreSQL as the postgres user, who must be able to reach the folder inside.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var (httpPort, siloPort) = FreePortRanges(maxSilos);
        var environment = new Dictionary<string, string>
        {
            ["CLUSTER_DIR"] = Path.Combine(parent, "cluster"),
            ["CLUSTER_HTTP_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_SILO_PORT"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_ID"] = $"test-{Guid.NewGuid():N}"[..16],
            ["CLUSTER_BUILD"] = "0",
            ["CLUSTER_SERVER_DLL"] = server,
        };
        return new LocalClusterScript(Path.Combine(root, "deploy", "local", "cluster.sh"), parent, environment, httpPort, siloPort);
    }

    public Uri HttpUrl(int silo) => new($"http://127.0.0.1:{HttpPort + silo - 1}/");

    /// <summary>Runs <c>cluster.sh</c> with <paramref name="arguments"/>; its output, or an exception carrying it when the script fails.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in _environment) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        using var timeout = new CancellationTokenSource(s_commandTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: false);
            throw new TimeoutException($"cluster.sh {string.Join(' ', arguments)} did not finish within {s_commandTimeout.TotalSeconds} s.");
        }

        var text = (await stdout) + (await stderr);
        if (process.ExitCode != 0) throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)} exited with {process.ExitCode}: {text}");
        return text;
    }

    /// <summary>The last lines of every silo's log, for a failing test's output.</summary>
    public string LogTails(int lines = 40)
    {
        var text = new StringBuilder();
        if (!Directory.Exists(ClusterDirectory)) return "(no cluster folder)";
        foreach (var log in Directory.EnumerateFiles(ClusterDirectory, "silo*.log").Order(StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"==== {Path.GetFileName(log)}");
            foreach (var line in File.ReadLines(log).TakeLast(lines)) text.AppendLine(line);
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("down");
        }
        finally
        {
            Directory.Delete(_parent, recursive: true);
        }
    }

    /// <summary>Two runs of <paramref name="count"/> consecutive free loopback ports, below the ephemeral range the kernel hands out.</summary>
    private static (int Http, int Silo) FreePortRanges(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var http = Random.Shared.Next(20_000, 32_000 - (2 * count));
            var silo = http + count;
            if (Enumerable.Range(http, 2 * count).All(IsFree)) return (http, silo);
        }

        throw new InvalidOperationException("No free run of loopback ports between 20000 and 32000.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
