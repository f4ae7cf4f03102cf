namespace Conversations.Runtime.Postgres.Tests;

/// <summary>Nested record inside <see cref="SessionSnapshot"/>.</summary>
public sealed record CustomerCard(string Name, string Language, Address? ShippingAddress);
