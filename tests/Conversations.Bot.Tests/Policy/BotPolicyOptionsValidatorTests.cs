using Conversations.Bot.Policy;

namespace Conversations.Bot.Tests.Policy;

public sealed class BotPolicyOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid_AndMatchTheAnalyzersDefaults()
    {
        var options = new BotPolicyOptions();

        Assert.Empty(BotPolicyOptionsValidator.Errors(options));
        var analyzer = options.ToAnalyzerOptions();
        Assert.Equal(0.7, analyzer.ClarificationThreshold);
        Assert.Equal(new BotAnalyzerOptions().ClarificationMargin, analyzer.ClarificationMargin);
        Assert.Equal(new BotAnalyzerOptions().AngerThreshold, analyzer.AngerThreshold);
        analyzer.Validate();
    }

    [Fact]
    public void Errors_NameTheConfigurationKey()
    {
        var options = new BotPolicyOptions
        {
            ConfidenceThreshold = 1.5,
            OrderNumberPatterns = ["(unclosed"],
            CompensationWording = new LocalizedText("Sorry!", "抱歉{amount}"),
            SalePeriods = [new SalePeriod { Name = new LocalizedText("x", "x"), From = "13-40", To = "11-11" }],
        };

        var errors = BotPolicyOptionsValidator.Errors(options);

        Assert.Contains(errors, e => e.StartsWith("Conversations:Bot:ConfidenceThreshold ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Conversations:Bot:OrderNumberPatterns:0 ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Conversations:Bot:CompensationWording:En must contain {amount}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Conversations:Bot:SalePeriods:0:From ", StringComparison.Ordinal));
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void OrderNumberPatterns_WhenConfigured_ReachTheAnalyzer()
    {
        var options = new BotPolicyOptions { OrderNumberPatterns = [@"(?<![a-z0-9])lm-(?<id>[0-9]{6})(?![0-9])"] };

        var analyzer = options.ToAnalyzerOptions();

        Assert.Equal(options.OrderNumberPatterns, analyzer.Entities.OrderIdPatterns);
    }
}
