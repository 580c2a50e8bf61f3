namespace Cti.Media.Mixing;

/// <summary>
/// Who hears whom among up to 64 participants numbered 0–63: one bit mask per listener, bit <c>s</c> set when the
/// listener hears speaker <c>s</c>. Nobody ever hears themselves (mix-minus), whatever is set. Not thread-safe: the
/// mixing loop owns it.
/// </summary>
public sealed class HearingMatrix
{
    /// <summary>Largest number of participants a matrix (and a mix) can hold.</summary>
    public const int MaxParticipants = 64;

    private readonly ulong[] _hears;

    /// <summary>A matrix for <paramref name="size"/> participants in which nobody hears anybody.</summary>
    public HearingMatrix(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxParticipants);
        _hears = new ulong[size];
    }

    /// <summary>Number of participant slots.</summary>
    public int Size => _hears.Length;

    /// <summary>The speakers <paramref name="listener"/> hears, as a bit mask; never includes the listener.</summary>
    public ulong HeardBy(int listener) => _hears[listener] & ~Bit(listener);

    /// <summary>Whether <paramref name="listener"/> hears <paramref name="speaker"/> (false for oneself).</summary>
    public bool Hears(int listener, int speaker) => (HeardBy(listener) & Bit(speaker)) != 0;

    /// <summary>Lets <paramref name="listener"/> hear <paramref name="speaker"/> or not.</summary>
    public void Set(int listener, int speaker, bool hears)
    {
        var bit = Bit(speaker);
        _hears[listener] = hears ? _hears[listener] | bit : _hears[listener] & ~bit;
    }

    /// <summary>Replaces everything <paramref name="listener"/> hears with <paramref name="speakers"/>.</summary>
    public void SetRow(int listener, ulong speakers) => _hears[listener] = speakers;

    /// <summary>The participant hears nobody and nobody hears it (it joined or left).</summary>
    public void Isolate(int participant)
    {
        var bit = Bit(participant);
        _hears[participant] = 0;
        for (var i = 0; i < _hears.Length; i++)
        {
            _hears[i] &= ~bit;
        }
    }

    /// <summary>The bit of <paramref name="participant"/> in a mask.</summary>
    public static ulong Bit(int participant)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(participant);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(participant, MaxParticipants);
        return 1UL << participant;
    }
}
