namespace Cti.Trunks;

/// <summary>The <c>Cti:Trunks</c> array.</summary>
internal sealed class TrunksOptions
{
    public const string SectionName = "Cti:Trunks";

    public IList<TrunkOptions> Trunks { get; } = new List<TrunkOptions>();
}
