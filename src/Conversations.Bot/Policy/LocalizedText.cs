namespace Conversations.Bot.Policy;

/// <summary>A configurable sentence in both languages the bot speaks.</summary>
public sealed class LocalizedText
{
    public LocalizedText()
    {
    }

    public LocalizedText(string en, string zh)
    {
        En = en;
        Zh = zh;
    }

    public string En { get; set; } = string.Empty;

    public string Zh { get; set; } = string.Empty;

    /// <summary>The text for <paramref name="language"/> ("zh" or anything else for English).</summary>
    public string For(string language) => language == BotLanguages.Chinese ? Zh : En;
}
