namespace Conversations.Load.Scenarios;

/// <summary>A scenario or trace file is wrong; the message names the file, the line and the field.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScenarioException(string source, int line, string problem, Exception? innerException = null)
        : base($"{source}, line {line}: {problem}", innerException)
    {
        FileName = source;
        Line = line;
    }

    /// <summary>The 1-based line the problem is on, or 0 when it concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>The file (or description of it) the problem is in.</summary>
    public string? FileName { get; }
}
