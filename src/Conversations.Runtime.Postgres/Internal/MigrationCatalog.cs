using System.Globalization;
using System.Reflection;

namespace Conversations.Runtime.Postgres.Internal;

/// <summary>
/// The migrations embedded in this assembly as <c>Sql/&lt;component&gt;/&lt;NNN&gt;_&lt;what&gt;.sql</c>, grouped by
/// component and ordered by number. Adding a table means adding a script, nothing else.
/// </summary>
internal static class MigrationCatalog
{
    private const string Prefix = "Sql/";

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<Migration>>> s_byComponent = new(Load);

    public static IReadOnlyDictionary<string, IReadOnlyList<Migration>> ByComponent => s_byComponent.Value;

    private static IReadOnlyDictionary<string, IReadOnlyList<Migration>> Load()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // RecursiveDir uses the build machine's separator; normalise so Windows builds load too.
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal)) continue;
            migrations.Add(Parse(assembly, resource, name[Prefix.Length..^".sql".Length]));
        }

        var byComponent = new SortedDictionary<string, IReadOnlyList<Migration>>(StringComparer.Ordinal);
        foreach (var group in migrations.GroupBy(m => m.Component, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(m => m.Version).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                // A gap or a duplicate would make "version N applied" ambiguous; fail the build's tests, not a silo.
                if (ordered[i].Version != i + 1)
                {
                    throw new InvalidOperationException(
                        $"Migrations of '{group.Key}' must be numbered 1, 2, 3… without gaps or duplicates; found {string.Join(", ", ordered.Select(m => m.Version))}.");
                }
            }

            byComponent.Add(group.Key, ordered);
        }

        return byComponent;
    }

    private static Migration Parse(Assembly assembly, string resource, string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var underscore = slash < 0 ? -1 : path.IndexOf('_', slash + 1);
        if (slash <= 0 || underscore < 0
            || !int.TryParse(path.AsSpan(slash + 1, underscore - slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Embedded migration '{resource}' is not named Sql/<component>/<NNN>_<what>.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' cannot be opened.");
        using var reader = new StreamReader(stream);
        return new Migration(path[..slash], version, path[(slash + 1)..], reader.ReadToEnd());
    }
}
