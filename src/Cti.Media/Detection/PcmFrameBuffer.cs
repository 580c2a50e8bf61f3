namespace Cti.Media.Detection;

/// <summary>
/// Cuts input of any length (30 ms RTP packets, odd file chunks) into 20 ms frames, keeping the remainder for the next
/// call. Its one array is allocated with the detector, never per frame.
/// </summary>
internal sealed class PcmFrameBuffer
{
    private readonly short[] _frame = new short[DetectionFrame.Samples];
    private int _count;

    /// <summary>Whether a whole frame is waiting in <see cref="Frame"/>.</summary>
    public bool IsFull => _count == _frame.Length;

    /// <summary>The buffered frame (whole only when <see cref="IsFull"/>).</summary>
    public ReadOnlySpan<short> Frame => _frame.AsSpan(0, _count);

    /// <summary>Copies as much of <paramref name="samples"/> as fits and returns how many samples were taken.</summary>
    public int Append(ReadOnlySpan<short> samples)
    {
        var take = Math.Min(samples.Length, _frame.Length - _count);
        samples[..take].CopyTo(_frame.AsSpan(_count));
        _count += take;
        return take;
    }

    /// <summary>Empties the buffer once its frame has been analysed.</summary>
    public void Clear() => _count = 0;
}
