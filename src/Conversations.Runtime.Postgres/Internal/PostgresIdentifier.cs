namespace Conversations.Runtime.Postgres.Internal;

/// <summary>Checks and quotes the schema name, the only identifier that reaches SQL text from configuration.</summary>
internal static class PostgresIdentifier
{
    // PostgreSQL truncates identifiers longer than 63 bytes; refusing them avoids two names meeting.
    private const int MaxLength = 63;

    /// <summary>Why <paramref name="name"/> cannot be a schema name, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "it is empty";
        if (name.Length > MaxLength) return $"it is longer than {MaxLength} characters";
        // Lower case only: unquoted identifiers fold to lower case, so this is the one spelling that
        // means the same thing in our quoted SQL and in an operator's psql session.
        if (!(IsLetter(name[0]) || name[0] == '_')) return "it must start with a lower-case letter or '_'";
        foreach (var c in name)
        {
            if (!(IsLetter(c) || c is (>= '0' and <= '9') or '_')) return "it may contain only lower-case letters, digits and '_'";
        }

        if (name.StartsWith("pg_", StringComparison.Ordinal)) return "names starting with 'pg_' are reserved by PostgreSQL";
        return null;
    }

    /// <summary>The name as a quoted SQL identifier; throws when it is not a valid schema name.</summary>
    public static string QuoteSchema(string name)
    {
        if (Problem(name) is { } problem) throw new ArgumentException($"'{name}' is not a valid schema name: {problem}.", nameof(name));
        return $"\"{name}\"";
    }

    private static bool IsLetter(char c) => c is >= 'a' and <= 'z';
}
