using System.Reflection;
using System.Text.RegularExpressions;
using Conversations.Runtime.Postgres;
using Conversations.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using YamlDotNet.RepresentationModel;

namespace Conversations.Server.Tests.Deploy;

/// <summary>
/// The files ops deploy with (deploy/: Kubernetes, compose, Dockerfile) parse, and every configuration key they set is
/// one the server binds — checked by binding each key into its options section with unknown keys refused.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot(), "deploy");

    [Fact]
    public void EveryManifest_Parses_AndHasTheKindsADeploymentNeeds()
    {
        var kinds = KubernetesDocuments().Select(d => Scalar(d, "kind")).ToList();

        Assert.Equal(["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Service"], kinds.Order(StringComparer.Ordinal));
        Assert.Contains("services", ((YamlMappingNode)Compose().RootNode).Children.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public void EveryConfigurationKey_InTheDeployFiles_IsOneTheServerBinds_WithAValueOfItsType()
    {
        // The server's own settings; the PostgreSQL container's (POSTGRES_*) and ASP.NET Core's are not ours to check.
        var settings = Settings().Where(s => s.Key.StartsWith("Conversations:", StringComparison.Ordinal) || s.Key.StartsWith("ConnectionStrings:", StringComparison.Ordinal)).ToList();

        Assert.Contains(settings, s => s.Key == "Conversations:Cluster:Membership");
        Assert.Contains(settings, s => s.Key == "Conversations:Cluster:SiloPort");
        Assert.Contains(settings, s => s.Key == "Conversations:Storage");
        Assert.Empty(settings.Where(s => !Binds(s.Key, s.Value)).Select(s => $"{s.File}: {s.Key}={s.Value}"));
    }

    [Fact]
    public void TheGracefulTerminationPeriod_CoversTheHostsStop_InWhichTheSiloDrains()
    {
        var deployment = KubernetesDocuments().Single(d => Scalar(d, "kind") == "Deployment");
        var pod = (YamlMappingNode)At(deployment, "spec", "template", "spec");
        var grace = TimeSpan.FromSeconds(int.Parse(Scalar(pod, "terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(grace >= new HostOptions().ShutdownTimeout, $"terminationGracePeriodSeconds {grace.TotalSeconds} ends the pod before the host's stop (and the drain in it) may finish");
    }

    /// <summary>
    /// True when the key lands on a property of an options class bound at its section, and its value converts; a value
    /// only known at run time (<c>null</c>: a shell expansion, a pod field) is checked by name.
    /// </summary>
    private static bool Binds(string key, string? value)
    {
        if (key.Equals(PostgresOptions.ConnectionStringKey, StringComparison.OrdinalIgnoreCase)) return true;
        var sections = OptionsTypes()
            .Where(t => key.StartsWith(t.Section + ":", StringComparison.OrdinalIgnoreCase))
            .GroupBy(t => t.Section)
            .OrderByDescending(g => g.Key.Length)
            .FirstOrDefault();
        if (sections is null) return false;

        if (value is null)
        {
            var property = key[(sections.Key.Length + 1)..];
            return sections.Any(t => t.Type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true });
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build().GetSection(sections.Key);
        return sections.Any(t =>
        {
            try
            {
                configuration.Get(t.Type, o => o.ErrorOnUnknownConfiguration = true);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        });
    }

    /// <summary>Every options class of the server's assemblies with its configuration section.</summary>
    private static IEnumerable<(string Section, Type Type)> OptionsTypes() =>
        typeof(ServerOptions).Assembly.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("Conversations.", StringComparison.Ordinal))
            .Select(Assembly.Load)
            .Append(typeof(ServerOptions).Assembly)
            .SelectMany(a => a.GetTypes())
            .Select(t => (Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static), Type: t))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type));

    /// <summary>Configuration set by the deploy files, as (file, key with ':' separators, value).</summary>
    private static IEnumerable<(string File, string Key, string? Value)> Settings()
    {
        foreach (var document in KubernetesDocuments())
        {
            if (Scalar(document, "kind") == "ConfigMap")
            {
                foreach (var (key, value) in (YamlMappingNode)document.Children[new YamlScalarNode("data")])
                {
                    yield return ("k8s ConfigMap", Key(key.ToString()), value.ToString());
                }
            }

            foreach (var env in document.AllNodes.OfType<YamlMappingNode>().Where(n => n.Children.ContainsKey(new YamlScalarNode("env"))))
            {
                foreach (var variable in ((YamlSequenceNode)env.Children[new YamlScalarNode("env")]).Cast<YamlMappingNode>())
                {
                    // A value from the pod (fieldRef) is known at run time only.
                    var value = variable.Children.TryGetValue(new YamlScalarNode("value"), out var v) ? v.ToString() : null;
                    yield return ("k8s Deployment", Key(Scalar(variable, "name")), value);
                }
            }
        }

        foreach (var environment in Compose().AllNodes.OfType<YamlMappingNode>().Where(n => n.Children.ContainsKey(new YamlScalarNode("environment"))))
        {
            foreach (var (key, value) in (YamlMappingNode)environment.Children[new YamlScalarNode("environment")])
            {
                if (key.ToString() == "<<") continue; // the merged anchor is checked where it is defined
                yield return ("compose.yaml", Key(key.ToString()), value.ToString());
            }
        }

        foreach (var file in (string[])["Dockerfile", "local/cluster.sh"])
        {
            foreach (Match match in ShellSetting().Matches(File.ReadAllText(Path.Combine(Deploy, file))))
            {
                var value = match.Groups["value"].Value.Trim('"');
                yield return (file, Key(match.Groups["key"].Value), value.Contains('$', StringComparison.Ordinal) ? null : value.TrimEnd('.'));
            }
        }
    }

    private static string Key(string environmentName) => environmentName.Replace("__", ":", StringComparison.Ordinal);

    private static List<YamlMappingNode> KubernetesDocuments() =>
        [.. Directory.EnumerateFiles(Path.Combine(Deploy, "k8s"), "*.yaml").SelectMany(Load).Select(d => (YamlMappingNode)d.RootNode)];

    private static YamlDocument Compose() => Load(Path.Combine(Deploy, "compose", "compose.yaml")).Single();

    private static List<YamlDocument> Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return [.. stream.Documents];
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static YamlNode At(YamlMappingNode node, params string[] keys) =>
        keys.Aggregate((YamlNode)node, (n, k) => ((YamlMappingNode)n).Children[new YamlScalarNode(k)]);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conversations.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("The repository root (with Conversations.sln) was not found above the test binaries.");
    }

    /// <summary>The project's own settings in a Dockerfile or script: <c>KEY=value</c> (environment) or <c>--Key value</c> (arguments).</summary>
    [GeneratedRegex(@"(?<key>(?:Conversations|ConnectionStrings)__\w+)=(?<value>\S+)|--(?<key>(?:Conversations|ConnectionStrings):[\w:]+) (?<value>\S+)")]
    private static partial Regex ShellSetting();
}
