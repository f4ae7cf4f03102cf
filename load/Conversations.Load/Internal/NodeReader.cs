using Conversations.Load.Scenarios;

namespace Conversations.Load.Internal;

/// <summary>Reads typed fields out of <see cref="LineNode"/> objects and reports mistakes with the file, line and field.</summary>
internal sealed class NodeReader(string source)
{
    public string Source { get; } = source;

    public ScenarioException Error(LineNode node, string problem) => new(Source, node.Line, $"{node.Path}: {problem}");

    public LineNode RequireObject(LineNode node)
    {
        if (node.Kind != LineNodeKind.Object)
        {
            throw Error(node, $"expected an object, got {node.Describe()}.");
        }

        return node;
    }

    /// <summary>Rejects members not in <paramref name="known"/>, so a misspelt field is not silently ignored.</summary>
    public void RejectUnknown(LineNode obj, params string[] known)
    {
        foreach (KeyValuePair<string, LineNode> member in obj.Members)
        {
            if (!known.Contains(member.Key, StringComparer.Ordinal))
            {
                throw Error(member.Value, $"unknown field '{member.Key}'; expected one of: {string.Join(", ", known)}.");
            }
        }
    }

    public LineNode Require(LineNode obj, string name) =>
        obj.Member(name) ?? throw new ScenarioException(Source, obj.Line, $"{Join(obj.Path, name)}: required field is missing.");

    public double Number(LineNode obj, string name, double? fallback = null, double min = double.MinValue, double max = double.MaxValue)
    {
        LineNode? node = obj.Member(name);
        if (node is null or { Kind: LineNodeKind.Null })
        {
            return fallback ?? throw new ScenarioException(Source, obj.Line, $"{Join(obj.Path, name)}: required field is missing.");
        }

        if (node.Kind != LineNodeKind.Number || !double.IsFinite(node.NumberValue))
        {
            throw Error(node, $"expected a number, got {node.Describe()}.");
        }

        if (node.NumberValue < min || node.NumberValue > max)
        {
            throw Error(node, $"must be {DescribeBounds(min, max)}, got {node.NumberValue}.");
        }

        return node.NumberValue;
    }

    public int Integer(LineNode obj, string name, int? fallback = null, int min = int.MinValue, int max = int.MaxValue)
    {
        double value = Number(obj, name, fallback, min, max);
        if (value != Math.Floor(value))
        {
            throw Error(obj.Member(name)!, $"expected a whole number, got {value}.");
        }

        return (int)value;
    }

    public double Probability(LineNode obj, string name, double fallback) => Number(obj, name, fallback, 0, 1);

    public string String(LineNode obj, string name, string? fallback = null)
    {
        LineNode? node = obj.Member(name);
        if (node is null or { Kind: LineNodeKind.Null })
        {
            return fallback ?? throw new ScenarioException(Source, obj.Line, $"{Join(obj.Path, name)}: required field is missing.");
        }

        return StringOf(node);
    }

    public string StringOf(LineNode node)
    {
        if (node.Kind != LineNodeKind.String)
        {
            throw Error(node, $"expected a string, got {node.Describe()}.");
        }

        if (string.IsNullOrWhiteSpace(node.StringValue))
        {
            throw Error(node, "must not be empty.");
        }

        return node.StringValue;
    }

    public bool Bool(LineNode obj, string name, bool fallback)
    {
        LineNode? node = obj.Member(name);
        if (node is null or { Kind: LineNodeKind.Null })
        {
            return fallback;
        }

        if (node.Kind != LineNodeKind.Bool)
        {
            throw Error(node, $"expected true or false, got {node.Describe()}.");
        }

        return node.BoolValue;
    }

    /// <summary>A <c>{ "min": a, "max": b }</c> object, or a single number for a fixed delay.</summary>
    public SecondsRange Range(LineNode obj, string name, SecondsRange fallback)
    {
        LineNode? node = obj.Member(name);
        if (node is null or { Kind: LineNodeKind.Null })
        {
            return fallback;
        }

        if (node.Kind == LineNodeKind.Number)
        {
            double fixedValue = Number(obj, name, min: 0);
            return new SecondsRange(fixedValue, fixedValue);
        }

        RequireObject(node);
        RejectUnknown(node, "min", "max");
        double min = Number(node, "min", min: 0);
        double max = Number(node, "max", min: 0);
        if (max < min)
        {
            throw Error(node, $"max ({max}) must not be below min ({min}).");
        }

        return new SecondsRange(min, max);
    }

    /// <summary>An object of positive weights, as <c>{ "zh": 0.7, "en": 0.3 }</c>.</summary>
    public IReadOnlyList<Weighted<string>> Weights(LineNode obj, string name, IReadOnlyList<Weighted<string>> fallback, IReadOnlyCollection<string>? allowed = null)
    {
        LineNode? node = obj.Member(name);
        if (node is null)
        {
            return fallback;
        }

        RequireObject(node);
        var result = new List<Weighted<string>>();
        foreach (KeyValuePair<string, LineNode> member in node.Members)
        {
            if (allowed is not null && !allowed.Contains(member.Key))
            {
                throw Error(member.Value, $"'{member.Key}' is not one of: {string.Join(", ", allowed)}.");
            }

            result.Add(new Weighted<string>(member.Key, Number(node, member.Key, min: 0)));
        }

        if (result.Sum(w => w.Weight) <= 0)
        {
            throw Error(node, "needs at least one positive weight.");
        }

        return result;
    }

    /// <summary>An object of string arrays keyed by language, as <c>{ "zh": ["…"], "en": ["…"] }</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Texts(LineNode obj, string name, bool required)
    {
        LineNode? node = obj.Member(name);
        if (node is null)
        {
            return required
                ? throw new ScenarioException(Source, obj.Line, $"{Join(obj.Path, name)}: required field is missing.")
                : new Dictionary<string, IReadOnlyList<string>>();
        }

        RequireObject(node);
        RejectUnknown(node, "zh", "en");
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, LineNode> member in node.Members)
        {
            if (member.Value.Kind != LineNodeKind.Array)
            {
                throw Error(member.Value, $"expected an array of strings, got {member.Value.Describe()}.");
            }

            var texts = new List<string>();
            foreach (LineNode item in member.Value.Items)
            {
                string text = StringOf(item);
                if (text.Length > 4000)
                {
                    throw Error(item, $"is {text.Length} characters; the engine refuses messages over 4000.");
                }

                texts.Add(text);
            }

            if (texts.Count == 0)
            {
                throw Error(member.Value, "must hold at least one text.");
            }

            result[member.Key] = texts;
        }

        if (required && result.Count == 0)
        {
            throw Error(node, "needs texts for at least one language (zh or en).");
        }

        return result;
    }

    private static string Join(string path, string name) => path == "$" ? name : path + "." + name;

    private static string DescribeBounds(double min, double max) => (min, max) switch
    {
        (double.MinValue, _) => $"at most {max}",
        (_, double.MaxValue) => $"at least {min}",
        _ => $"between {min} and {max}",
    };
}
