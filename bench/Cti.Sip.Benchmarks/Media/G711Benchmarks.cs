using BenchmarkDotNet.Attributes;
using Cti.Media.Audio;

namespace Cti.Sip.Benchmarks.Media;

/// <summary>G.711 encode and decode of one 20 ms frame (160 samples).</summary>
[MemoryDiagnoser]
public class G711Benchmarks
{
    private readonly short[] _samples = ToneGenerator.HoldMelody().AsSpan(0, G711.SamplesPer20Ms).ToArray();
    private readonly byte[] _encoded = new byte[G711.SamplesPer20Ms];
    private readonly short[] _decoded = new short[G711.SamplesPer20Ms];

    [Benchmark(Baseline = true)]
    public byte EncodeMuLaw20Ms()
    {
        G711.EncodeMuLaw(_samples, _encoded);
        return _encoded[0];
    }

    [Benchmark]
    public byte EncodeALaw20Ms()
    {
        G711.EncodeALaw(_samples, _encoded);
        return _encoded[0];
    }

    [Benchmark]
    public short DecodeMuLaw20Ms()
    {
        G711.DecodeMuLaw(_encoded, _decoded);
        return _decoded[0];
    }
}
