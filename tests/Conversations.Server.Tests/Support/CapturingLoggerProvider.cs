using Microsoft.Extensions.Logging;

namespace Conversations.Server.Tests.Support;

/// <summary>Keeps every log line (message and exception text) so a test can check what reached the logs, or wait for a line.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly Inbox<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.Items;

    /// <summary>The first line (already logged or still to come) that matches.</summary>
    public Task<string> WaitForAsync(Func<string, bool> match, TimeSpan? timeout = null) => _lines.WaitForAsync(match, timeout);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, Inbox<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values) lines.Add($"  {key}={value}");
            }
        }
    }
}
