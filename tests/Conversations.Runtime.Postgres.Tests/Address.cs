namespace Conversations.Runtime.Postgres.Tests;

/// <summary>Second level of nesting inside <see cref="SessionSnapshot"/>.</summary>
public sealed record Address(string City, string Line, string PostalCode);
