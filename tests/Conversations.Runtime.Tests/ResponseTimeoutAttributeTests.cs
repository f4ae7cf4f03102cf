using System.Globalization;
using Conversations.Runtime.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Conversations.Runtime.Tests;

public sealed class ResponseTimeoutAttributeTests
{
    private const string OrderGrain = """
        using System.Threading.Tasks;
        using Conversations.Runtime;

        namespace Shop;

        public interface IOrderGrain : IGrainWithStringKey
        {
            [ResponseTimeout("five seconds")]
            Task Ship();

            [ResponseTimeout("-00:00:05")]
            Task Cancel();

            [ResponseTimeout("00:00:05")]
            Task Track();
        }
        """;

    [Fact]
    public void BadValue_FailsTheBuild_NamingTheMethodAndTheValue()
    {
        var (errors, compiled) = Generate(OrderGrain);

        Assert.Equal(2, errors.Count);
        Assert.Contains("[ResponseTimeout(\"five seconds\")] on 'Shop.IOrderGrain.Ship' is not a positive TimeSpan", errors[0], StringComparison.Ordinal);
        Assert.Contains("[ResponseTimeout(\"-00:00:05\")] on 'Shop.IOrderGrain.Cancel' is not a positive TimeSpan", errors[1], StringComparison.Ordinal);
        Assert.Contains("like \"00:00:05\"", errors[0], StringComparison.Ordinal);
        Assert.Contains("global::System.TimeSpan.FromTicks(50000000L)", compiled, StringComparison.Ordinal); // Track's 5 s, as a constant
    }

    [Fact]
    public void Constructor_WithABadValue_SaysWhatToWrite()
    {
        var refusal = Assert.Throws<ArgumentException>(() => new ResponseTimeoutAttribute("soon"));

        Assert.Equal("timeout", refusal.ParamName);
        Assert.StartsWith("[ResponseTimeout(\"soon\")] is not a positive TimeSpan: write it as hours:minutes:seconds, like \"00:00:05\".", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), new ResponseTimeoutAttribute("00:00:05").Timeout);
    }

    /// <summary>Runs the grain reference generator on <paramref name="source"/>: its error messages, in source order, and the code it wrote.</summary>
    private static (List<string> Errors, string Generated) Generate(string source)
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(IGrain).Assembly.Location)
            .Distinct(StringComparer.Ordinal);
        var compilation = CSharpCompilation.Create(
            "Shop",
            [CSharpSyntaxTree.ParseText(source)],
            paths.Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var driver = CSharpGeneratorDriver.Create(new GrainReferenceGenerator()).RunGenerators(compilation);

        var result = driver.GetRunResult();
        var errors = result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => d.GetMessage(CultureInfo.InvariantCulture))
            .ToList();
        return (errors, string.Concat(result.GeneratedTrees.Select(t => t.ToString())));
    }
}
