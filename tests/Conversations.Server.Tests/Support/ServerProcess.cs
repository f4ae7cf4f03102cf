using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Conversations.Server.Tests.Support;

/// <summary>
/// The server run as ops run it, in a process of its own (the build this test run made), on a free loopback port.
/// <see cref="KillAsync"/> ends it as a crash does: SIGKILL, no clean-up of any kind.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Inbox<string> _output;

    private ServerProcess(Process process, Inbox<string> output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process printed so far, for a failing test's message.</summary>
    public string Output => string.Join(Environment.NewLine, _output.Items);

    /// <summary>Starts the server with <paramref name="settings"/> as command-line configuration; returns once it listens.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{ServerHost.FreePort().ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(BuiltServerDll());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value ?? string.Empty);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        var output = new Inbox<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Add(e.Data); };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, output, baseAddress);

        // Kestrel starts after the silo has joined: once the host says it started, the server is ready.
        var started = output.WaitForAsync(l => l.Contains("Application started", StringComparison.Ordinal), s_startDeadline);
        if (await Task.WhenAny(started, exited.Task) != started || started.IsFaulted)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"The server process did not start within {s_startDeadline.TotalSeconds} s or exited:{Environment.NewLine}{server.Output}");
        }

        return server;
    }

    /// <summary>SIGKILL: the process ends at once, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The server built in this test run's configuration (the project reference builds it first), not whatever build happens to lie in the tree.</summary>
    public static string BuiltServerDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var server = Path.Combine(RepositoryRoot(), "src", "Conversations.Server", "bin", configuration, output.Name, "Conversations.Server.dll");
        return File.Exists(server) ? server : throw new InvalidOperationException($"The server is not built at {server}; build the solution first.");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conversations.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("The repository root (with Conversations.sln) was not found above the test binaries.");
    }
}
