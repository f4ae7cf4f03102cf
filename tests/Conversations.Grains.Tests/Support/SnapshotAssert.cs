using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Tests.Support;

/// <summary>Compares session snapshots by value (their breach lists are compared element by element).</summary>
public static class SnapshotAssert
{
    public static void Unchanged(SessionSnapshot expected, SessionSnapshot actual)
    {
        Assert.Equal(expected.Sla.Breaches, actual.Sla.Breaches);
        Assert.Equal(WithoutBreaches(expected), WithoutBreaches(actual));
    }

    private static SessionSnapshot WithoutBreaches(SessionSnapshot snapshot) =>
        snapshot with { Sla = snapshot.Sla with { Breaches = Array.Empty<string>() } };
}
