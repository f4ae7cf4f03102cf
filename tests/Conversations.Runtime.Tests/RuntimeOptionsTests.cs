using Conversations.Runtime.Tests.Grains;
using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests;

public sealed class RuntimeOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => new RuntimeOptions().Validate();

    [Theory]
    [InlineData(nameof(RuntimeOptions.ServiceId), "must not be empty")]
    [InlineData(nameof(RuntimeOptions.ResponseTimeout), "must be positive")]
    [InlineData(nameof(RuntimeOptions.CollectionQuantum), "must be positive")]
    [InlineData(nameof(RuntimeOptions.CollectionAge), "must be at least CollectionQuantum")]
    [InlineData(nameof(RuntimeOptions.MinimumReminderPeriod), "must be at least 100 ms")]
    [InlineData(nameof(RuntimeOptions.MaxQueuedPerActivation), "must not be negative")]
    public void Validate_RefusesABadValue_NamingItsConfigurationKey(string key, string problem)
    {
        var options = new RuntimeOptions();
        SetBadValue(options, key);

        var refusal = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(key, refusal.ParamName);
        Assert.StartsWith($"Configuration 'Conversations:Runtime:{key}' {problem}.", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_WithABadOption_DoesNotStart()
    {
        var refusal = Assert.IsType<ArgumentException>(await Clusters.RefusalOf(typeof(CounterGrain), o => o.ResponseTimeout = TimeSpan.Zero));

        Assert.Contains("Conversations:Runtime:ResponseTimeout", refusal.Message, StringComparison.Ordinal);
    }

    private static void SetBadValue(RuntimeOptions options, string key)
    {
        switch (key)
        {
            case nameof(RuntimeOptions.ServiceId): options.ServiceId = " "; break;
            case nameof(RuntimeOptions.ResponseTimeout): options.ResponseTimeout = TimeSpan.Zero; break;
            case nameof(RuntimeOptions.CollectionQuantum): options.CollectionQuantum = TimeSpan.FromSeconds(-1); break;
            case nameof(RuntimeOptions.CollectionAge): options.CollectionAge = TimeSpan.FromSeconds(30); break;
            case nameof(RuntimeOptions.MinimumReminderPeriod): options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(50); break;
            case nameof(RuntimeOptions.MaxQueuedPerActivation): options.MaxQueuedPerActivation = -1; break;
            default: throw new ArgumentOutOfRangeException(nameof(key), key, "No bad value known for this option.");
        }
    }
}
