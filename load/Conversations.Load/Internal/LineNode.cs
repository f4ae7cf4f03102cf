namespace Conversations.Load.Internal;

/// <summary>A parsed JSON value that remembers the line it started on, so scenario errors can point at it.</summary>
internal sealed class LineNode
{
    private LineNode(LineNodeKind kind, int line, string path)
    {
        Kind = kind;
        Line = line;
        Path = path;
    }

    public LineNodeKind Kind { get; }

    /// <summary>1-based line of the value's first character.</summary>
    public int Line { get; }

    /// <summary>Where the value sits, as <c>arrival.spike.multiplier</c> or <c>mix[2].weight</c>.</summary>
    public string Path { get; }

    public string? StringValue { get; private set; }

    public double NumberValue { get; private set; }

    public bool BoolValue { get; private set; }

    /// <summary>Object members in document order (with their own lines).</summary>
    public List<KeyValuePair<string, LineNode>> Members { get; } = [];

    public List<LineNode> Items { get; } = [];

    public static LineNode Object(int line, string path) => new(LineNodeKind.Object, line, path);

    public static LineNode Array(int line, string path) => new(LineNodeKind.Array, line, path);

    public static LineNode String(int line, string path, string value) => new(LineNodeKind.String, line, path) { StringValue = value };

    public static LineNode Number(int line, string path, double value) => new(LineNodeKind.Number, line, path) { NumberValue = value };

    public static LineNode Bool(int line, string path, bool value) => new(LineNodeKind.Bool, line, path) { BoolValue = value };

    public static LineNode Null(int line, string path) => new(LineNodeKind.Null, line, path);

    public LineNode? Member(string name)
    {
        foreach (KeyValuePair<string, LineNode> member in Members)
        {
            if (member.Key == name)
            {
                return member.Value;
            }
        }

        return null;
    }

    public string Describe() => Kind switch
    {
        LineNodeKind.String => $"the string \"{Shorten(StringValue!)}\"",
        LineNodeKind.Number => $"the number {NumberValue}",
        LineNodeKind.Bool => BoolValue ? "true" : "false",
        LineNodeKind.Null => "null",
        LineNodeKind.Array => "an array",
        _ => "an object",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
