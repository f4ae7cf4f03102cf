using System.Reflection;

namespace Conversations.Bot.Internal;

/// <summary>
/// Reads the files under <c>Data/</c> that the project embeds as <c>Conversations.Bot.Data.&lt;path&gt;</c>.
/// MSBuild's RecursiveDir keeps the platform's separator, so both '/' and '\' are accepted.
/// </summary>
internal static class EmbeddedData
{
    private const string Prefix = "Conversations.Bot.Data.";

    private static Assembly Assembly => typeof(EmbeddedData).Assembly;

    /// <summary>Relative paths ("intents/zh/greeting.txt") of embedded files under <paramref name="folder"/>, sorted.</summary>
    public static IReadOnlyList<string> List(string folder)
    {
        var paths = new List<string>();
        foreach (var name in Assembly.GetManifestResourceNames())
        {
            if (name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var path = name[Prefix.Length..].Replace('\\', '/');
                if (path.StartsWith(folder + "/", StringComparison.Ordinal))
                {
                    paths.Add(path);
                }
            }
        }

        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    public static string ReadText(string path)
    {
        var stream = Assembly.GetManifestResourceStream(Prefix + path)
            ?? Assembly.GetManifestResourceStream(Prefix + path.Replace('/', '\\'))
            ?? throw new FileNotFoundException($"The bot's embedded data file '{path}' is missing; is it under src/Conversations.Bot/Data/?");
        using (stream)
        using (var reader = new StreamReader(stream, System.Text.Encoding.UTF8))
        {
            return reader.ReadToEnd();
        }
    }
}
