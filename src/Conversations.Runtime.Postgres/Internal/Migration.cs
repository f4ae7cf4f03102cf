namespace Conversations.Runtime.Postgres.Internal;

/// <summary>One numbered SQL script of a schema component, run with the target schema as search path.</summary>
internal sealed record Migration(string Component, int Version, string Name, string Sql);
