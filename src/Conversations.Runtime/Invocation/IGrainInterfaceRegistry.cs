namespace Conversations.Runtime.Invocation;

/// <summary>Generated once per assembly: registers its grain references and methods.</summary>
public interface IGrainInterfaceRegistry
{
    void Register(GrainInterfaceCatalog catalog);
}
