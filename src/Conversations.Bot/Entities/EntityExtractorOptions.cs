namespace Conversations.Bot.Entities;

/// <summary>Shop-specific entity formats.</summary>
public sealed class EntityExtractorOptions
{
    /// <summary>The default order number formats: 16–19 digit numbers and "SO" followed by 8–12 digits.</summary>
    public static IReadOnlyList<string> DefaultOrderIdPatterns { get; } =
    [
        @"(?<![0-9])[0-9]{16,19}(?![0-9])",
        @"(?<![a-z0-9])so[0-9]{8,12}(?![0-9])",
    ];

    /// <summary>
    /// Regular expressions for order numbers, matched case-insensitively against the message after
    /// full-width folding. A group named <c>id</c>, when present, is the value; otherwise the whole match.
    /// </summary>
    public IList<string> OrderIdPatterns { get; set; } = [.. DefaultOrderIdPatterns];

    /// <summary>Throws an <see cref="ArgumentException"/> naming the pattern that does not compile.</summary>
    public void Validate()
    {
        if (OrderIdPatterns is null || OrderIdPatterns.Count == 0)
        {
            throw new ArgumentException("EntityExtractorOptions.OrderIdPatterns must contain at least one pattern.");
        }

        for (var i = 0; i < OrderIdPatterns.Count; i++)
        {
            var pattern = OrderIdPatterns[i];
            if (string.IsNullOrWhiteSpace(pattern))
            {
                throw new ArgumentException($"EntityExtractorOptions.OrderIdPatterns[{i}] is empty.");
            }

            try
            {
                _ = new System.Text.RegularExpressions.Regex(pattern);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"EntityExtractorOptions.OrderIdPatterns[{i}] is not a valid regular expression: {e.Message}", e);
            }
        }
    }
}
