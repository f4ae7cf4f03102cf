using System.Text.RegularExpressions;
using Conversations.Runtime.Cluster;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>The files ops deploy with name only cluster settings the runtime really has.</summary>
public sealed partial class DeployFilesTests
{
    [Fact]
    public void DeployFiles_NameOnlyExistingClusterSettings()
    {
        var deploy = Path.Combine(RepositoryRoot(), "deploy");
        var files = Directory.EnumerateFiles(deploy, "*", SearchOption.AllDirectories).Where(f => !f.Contains(".cluster", StringComparison.Ordinal)).ToList();
        var known = typeof(ClusterOptions).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var used = files
            .SelectMany(f => ClusterKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(deploy, f), Key: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.Empty(used.Where(u => !known.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}"));
        Assert.Contains(used, u => u.Key == nameof(ClusterOptions.Membership));
        Assert.Contains(used, u => u.Key == nameof(ClusterOptions.SiloPort));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conversations.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("The repository root (with Conversations.sln) was not found above the test binaries.");
    }

    [GeneratedRegex(@"Conversations(?:__|:)Cluster(?:__|:)(\w+)")]
    private static partial Regex ClusterKey();
}
