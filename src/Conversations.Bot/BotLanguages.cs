namespace Conversations.Bot;

/// <summary>The languages the bot understands, as the codes PROTOCOL.md uses.</summary>
public static class BotLanguages
{
    public const string Chinese = "zh";

    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Chinese, English];

    /// <summary>True when <paramref name="language"/> is one of the supported codes.</summary>
    public static bool IsSupported(string? language) => language is Chinese or English;
}
