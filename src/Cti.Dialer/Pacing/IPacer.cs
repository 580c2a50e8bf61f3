namespace Cti.Dialer.Pacing;

/// <summary>Decides how many new calls to place now. Called by the campaign engine on every tick and agent change.</summary>
public interface IPacer
{
    string Name { get; }

    int CallsToPlace(PacingSnapshot snapshot);
}
