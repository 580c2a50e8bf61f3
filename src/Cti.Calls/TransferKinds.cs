namespace Cti.Calls;

/// <summary>Blind transfer targets (the CDR transfer chain's <c>kind</c>, a bounded metric label).</summary>
internal static class TransferKinds
{
    public const string Queue = "queue";
    public const string Agent = "agent";
    public const string External = "external";
}
