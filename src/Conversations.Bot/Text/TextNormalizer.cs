namespace Conversations.Bot.Text;

/// <summary>
/// Folds full-width forms to half-width, typographic quotes and dashes to ASCII, and case to lower.
/// The result of <see cref="Normalize"/> has exactly the length of the input, so offsets found in it are offsets in the original.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Returns the normalised text, one output character per input character.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (destination, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = NormalizeChar(source[i]);
            }
        });
    }

    /// <summary>
    /// The form under which two sentences count as the same example: <see cref="Normalize"/>d, then without
    /// punctuation, symbols and spaces ("Where is my order?!" and "ｗｈｅｒｅ ｉｓ ｍｙ ｏｒｄｅｒ" both give
    /// "whereismyorder"). Unlike <see cref="Normalize"/> it does not keep offsets.
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new System.Text.StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = NormalizeChar(raw);
            if (!char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c))
            {
                folded.Append(c);
            }
        }

        return folded.ToString();
    }

    /// <summary>Normalises one UTF-16 code unit.</summary>
    public static char NormalizeChar(char c)
    {
        if (c < 0x80)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c is '\t' or '\r' or '\n' ? ' ' : c;
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            return NormalizeChar((char)(c - 0xFEE0));
        }

        return c switch
        {
            '\u3000' or '\u00A0' or '\u2002' or '\u2003' or '\u2009' => ' ',
            '\uFFE5' => '¥',
            '\u3002' or '\uFF61' => '.',
            '\u3001' => ',',
            '\u2018' or '\u2019' or '\u2032' => '\'',
            '\u201C' or '\u201D' or '\u2033' => '"',
            '\u2013' or '\u2014' or '\u2212' => '-',
            _ => char.ToLowerInvariant(c),
        };
    }

    /// <summary>True for the CJK unified ideographs (basic block, extension A and compatibility).</summary>
    public static bool IsCjk(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    /// <summary>True for characters that make up words of alphabetic scripts and numbers.</summary>
    public static bool IsWordChar(char c) =>
        c < 0x80 ? char.IsAsciiLetterOrDigit(c) : !IsCjk(c) && char.IsLetterOrDigit(c);
}
