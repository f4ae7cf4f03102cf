namespace Conversations.Runtime.Hosting;

/// <summary>A grain implementation class the silo should host (registered by <see cref="RuntimeBuilder.AddGrains"/>).</summary>
public sealed record GrainClassRegistration(Type Implementation);
