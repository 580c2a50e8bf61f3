using System.Numerics;
using Cti.Media.Audio;

namespace Cti.Media.Mixing;

/// <summary>
/// Mixes one 20 ms frame (160 samples at 8 kHz) for up to <see cref="HearingMatrix.MaxParticipants"/> participants
/// with mix-minus: each listener gets the sum of the speakers it hears that sent audio this frame, never itself,
/// saturated to 16 bits. Buffers are allocated once; a frame allocates nothing. Not thread-safe: one mixing loop owns it.
/// </summary>
/// <remarks>
/// Per frame: <see cref="BeginFrame"/>, then <see cref="SetInput(int, G711Codec, ReadOnlySpan{byte})"/> for every
/// participant whose audio arrived (the others count as silent), then <see cref="Mix"/> or <see cref="MixEncoded"/>
/// once per listener.
/// </remarks>
public sealed class AudioFrameMixer
{
    /// <summary>Samples in one 20 ms frame at 8 kHz.</summary>
    public const int FrameSamples = G711.SamplesPer20Ms;

    private readonly short[] _inputs;
    private readonly int[] _sum = new int[FrameSamples];
    private readonly short[] _mixed = new short[FrameSamples];
    private readonly int[] _total = new int[FrameSamples];
    private ulong _present;
    private bool _totalValid;

    /// <summary>A mixer for participants numbered 0 to <paramref name="capacity"/> − 1.</summary>
    public AudioFrameMixer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, HearingMatrix.MaxParticipants);
        Capacity = capacity;
        _inputs = new short[capacity * FrameSamples];
    }

    /// <summary>Number of participant slots.</summary>
    public int Capacity { get; }

    /// <summary>The participants that have audio in the current frame, as a bit mask.</summary>
    public ulong PresentMask => _present;

    /// <summary>Starts a frame: every participant is silent until its input is set.</summary>
    public void BeginFrame()
    {
        _present = 0;
        _totalValid = false;
    }

    /// <summary>Decodes <paramref name="payload"/> (up to 160 bytes; a shorter one is padded with silence) as this frame's input of <paramref name="participant"/>.</summary>
    public void SetInput(int participant, G711Codec codec, ReadOnlySpan<byte> payload)
    {
        var input = Input(participant);
        var length = Math.Min(payload.Length, FrameSamples);
        G711.Decode(codec, payload[..length], input);
        input[length..].Clear();
        _present |= HearingMatrix.Bit(participant);
        _totalValid = false;
    }

    /// <summary>Copies linear <paramref name="samples"/> (up to 160; padded with silence) as this frame's input of <paramref name="participant"/>.</summary>
    public void SetInput(int participant, ReadOnlySpan<short> samples)
    {
        var input = Input(participant);
        var length = Math.Min(samples.Length, FrameSamples);
        samples[..length].CopyTo(input);
        input[length..].Clear();
        _present |= HearingMatrix.Bit(participant);
        _totalValid = false;
    }

    /// <summary>Writes the 160 linear samples <paramref name="listener"/> hears: the saturated sum of <paramref name="hears"/>' present inputs, minus itself.</summary>
    public void Mix(int listener, ulong hears, Span<short> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, FrameSamples, nameof(destination));
        var speakers = hears & _present & ~HearingMatrix.Bit(listener);
        var output = destination[..FrameSamples];
        switch (BitOperations.PopCount(speakers))
        {
            case 0:
                output.Clear();
                return;
            case 1:
                Input(BitOperations.TrailingZeroCount(speakers)).CopyTo(output);
                return;
        }

        // Summed in 32 bits so that only the result saturates, not an intermediate (A + B − B stays A).
        var sum = _sum.AsSpan();
        var everyoneElse = _present & ~HearingMatrix.Bit(listener);
        if (speakers == everyoneElse)
        {
            // Hears everyone else who spoke (conference, barge): the frame's total minus itself, so N listeners cost
            // O(N) additions rather than O(N²).
            Total().CopyTo(sum);
            if (speakers != _present)
            {
                Subtract(Input(listener), sum);
            }
        }
        else
        {
            Widen(Input(BitOperations.TrailingZeroCount(speakers)), sum);
            speakers &= speakers - 1;
            while (speakers != 0)
            {
                Accumulate(Input(BitOperations.TrailingZeroCount(speakers)), sum);
                speakers &= speakers - 1;
            }
        }

        Saturate(sum, output);
    }

    /// <summary>As <see cref="Mix"/>, encoded in <paramref name="codec"/> into 160 bytes of <paramref name="destination"/>.</summary>
    public void MixEncoded(int listener, ulong hears, G711Codec codec, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, FrameSamples, nameof(destination));
        Mix(listener, hears, _mixed);
        G711.Encode(codec, _mixed, destination[..FrameSamples]);
    }

    private Span<short> Input(int participant)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(participant);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(participant, Capacity);
        return _inputs.AsSpan(participant * FrameSamples, FrameSamples);
    }

    // The sum of every present input, computed once per frame on first use.
    private ReadOnlySpan<int> Total()
    {
        if (!_totalValid)
        {
            var present = _present;
            Widen(Input(BitOperations.TrailingZeroCount(present)), _total);
            present &= present - 1;
            for (; present != 0; present &= present - 1)
            {
                Accumulate(Input(BitOperations.TrailingZeroCount(present)), _total);
            }

            _totalValid = true;
        }

        return _total;
    }

    private static void Widen(ReadOnlySpan<short> input, Span<int> sum)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= FrameSamples - Vector<short>.Count; i += Vector<short>.Count)
            {
                Vector.Widen(new Vector<short>(input[i..]), out var low, out var high);
                low.CopyTo(sum[i..]);
                high.CopyTo(sum[(i + Vector<int>.Count)..]);
            }
        }

        for (; i < FrameSamples; i++)
        {
            sum[i] = input[i];
        }
    }

    private static void Accumulate(ReadOnlySpan<short> input, Span<int> sum)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= FrameSamples - Vector<short>.Count; i += Vector<short>.Count)
            {
                Vector.Widen(new Vector<short>(input[i..]), out var low, out var high);
                (new Vector<int>(sum[i..]) + low).CopyTo(sum[i..]);
                (new Vector<int>(sum[(i + Vector<int>.Count)..]) + high).CopyTo(sum[(i + Vector<int>.Count)..]);
            }
        }

        for (; i < FrameSamples; i++)
        {
            sum[i] += input[i];
        }
    }

    private static void Subtract(ReadOnlySpan<short> input, Span<int> sum)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= FrameSamples - Vector<short>.Count; i += Vector<short>.Count)
            {
                Vector.Widen(new Vector<short>(input[i..]), out var low, out var high);
                (new Vector<int>(sum[i..]) - low).CopyTo(sum[i..]);
                (new Vector<int>(sum[(i + Vector<int>.Count)..]) - high).CopyTo(sum[(i + Vector<int>.Count)..]);
            }
        }

        for (; i < FrameSamples; i++)
        {
            sum[i] -= input[i];
        }
    }

    private static void Saturate(ReadOnlySpan<int> sum, Span<short> output)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var min = new Vector<int>(short.MinValue);
            var max = new Vector<int>(short.MaxValue);
            for (; i <= FrameSamples - Vector<short>.Count; i += Vector<short>.Count)
            {
                var low = Vector.Min(Vector.Max(new Vector<int>(sum[i..]), min), max);
                var high = Vector.Min(Vector.Max(new Vector<int>(sum[(i + Vector<int>.Count)..]), min), max);
                Vector.Narrow(low, high).CopyTo(output[i..]);
            }
        }

        for (; i < FrameSamples; i++)
        {
            output[i] = (short)Math.Clamp(sum[i], short.MinValue, short.MaxValue);
        }
    }
}
