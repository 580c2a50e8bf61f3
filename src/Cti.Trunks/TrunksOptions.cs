namespace Cti.Trunks;

/// <summary>The <c>Cti:Trunks</c> section, keyed by trunk name (read by <see cref="TrunksOptionsReader"/>).</summary>
internal sealed class TrunksOptions
{
    public const string SectionName = "Cti:Trunks";

    public IList<TrunkOptions> Trunks { get; } = new List<TrunkOptions>();
}
