namespace Conversations.Server.Tests.Support;

/// <summary>A knowledge entry about a product no shipped entry mentions, so only this entry can answer its question.</summary>
public static class ZorblaxEntry
{
    public const string Id = "kb-zorblax";
    public const string Question = "Is the Zorblax blender dishwasher safe?";
    public const string Answer = "Yes: the Zorblax jar and lid are dishwasher safe, top rack only.";

    /// <summary>The body of <c>PUT /api/knowledge/kb-zorblax</c>.</summary>
    public static object Body { get; } = new
    {
        category = "product",
        language = "en",
        intent = "product_question",
        questions = new[] { Question, "Can the Zorblax jar go in the dishwasher?" },
        answer = Answer,
    };
}
