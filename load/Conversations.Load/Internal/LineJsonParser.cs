using System.Text.Json;

using Conversations.Load.Scenarios;

namespace Conversations.Load.Internal;

/// <summary>Parses JSON into <see cref="LineNode"/>s; syntax errors become <see cref="ScenarioException"/>s naming the line.</summary>
internal static class LineJsonParser
{
    private const int MaximumDepth = 64;

    /// <param name="source">The file name (or "line 7 of trace.jsonl") used in error messages.</param>
    /// <param name="firstLine">The line number of the first byte, for a value taken from the middle of a file.</param>
    public static LineNode Parse(ReadOnlySpan<byte> utf8, string source, int firstLine = 1)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        int[] lineStarts = FindLineStarts(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = MaximumDepth,
        });
        try
        {
            if (!reader.Read())
            {
                throw new ScenarioException(source, firstLine, "the file is empty; expected a JSON object.");
            }

            LineNode root = ReadValue(ref reader, lineStarts, firstLine, "$");
            if (reader.Read())
            {
                int line = LineOf(lineStarts, reader.TokenStartIndex, firstLine);
                throw new ScenarioException(source, line, "unexpected content after the end of the JSON value.");
            }

            return root;
        }
        catch (JsonException ex)
        {
            int line = (int)(ex.LineNumber ?? 0) + firstLine;
            throw new ScenarioException(source, line, "invalid JSON: " + StripPosition(ex.Message), ex);
        }
    }

    private static LineNode ReadValue(ref Utf8JsonReader reader, int[] lineStarts, int firstLine, string path)
    {
        int line = LineOf(lineStarts, reader.TokenStartIndex, firstLine);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                LineNode obj = LineNode.Object(line, path);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    string childPath = path == "$" ? name : path + "." + name;
                    obj.Members.Add(new KeyValuePair<string, LineNode>(name, ReadValue(ref reader, lineStarts, firstLine, childPath)));
                }

                return obj;
            case JsonTokenType.StartArray:
                LineNode array = LineNode.Array(line, path);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Items.Add(ReadValue(ref reader, lineStarts, firstLine, $"{path}[{array.Items.Count}]"));
                }

                return array;
            case JsonTokenType.String:
                return LineNode.String(line, path, reader.GetString()!);
            case JsonTokenType.Number:
                return LineNode.Number(line, path, reader.GetDouble());
            case JsonTokenType.True:
                return LineNode.Bool(line, path, true);
            case JsonTokenType.False:
                return LineNode.Bool(line, path, false);
            default:
                return LineNode.Null(line, path);
        }
    }

    private static int[] FindLineStarts(ReadOnlySpan<byte> utf8)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static int LineOf(int[] lineStarts, long offset, int firstLine)
    {
        int index = Array.BinarySearch(lineStarts, (int)offset);
        int zeroBased = index >= 0 ? index : ~index - 1;
        return zeroBased + firstLine;
    }

    // The reader's message ends with its own zero-based "LineNumber: 3 | BytePositionInLine: 5."; ours names the line already.
    private static string StripPosition(string message)
    {
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at < 0 ? message : message[..at].TrimEnd();
    }
}
