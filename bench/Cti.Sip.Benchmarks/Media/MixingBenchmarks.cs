using BenchmarkDotNet.Attributes;
using Cti.Media.Audio;
using Cti.Media.Mixing;

namespace Cti.Sip.Benchmarks.Media;

/// <summary>
/// One 20 ms mixing round as the bridge runs it per tick, without sockets: decode every input, mix-minus for every
/// listener, encode. Three parties in barge (each listener hears two) is the monitored call; eight in a conference
/// shows how it scales.
/// </summary>
[MemoryDiagnoser]
public class MixingBenchmarks
{
    private readonly AudioFrameMixer _threeParty = new(3);
    private readonly HearingMatrix _barge = new(3);
    private readonly AudioFrameMixer _eightParty = new(8);
    private readonly HearingMatrix _conference = new(8);
    private readonly byte[][] _inputs = new byte[8][];
    private readonly G711Codec[] _codecs = new G711Codec[8];
    private readonly byte[][] _outputs = new byte[8][];

    [GlobalSetup]
    public void Setup()
    {
        var melody = ToneGenerator.HoldMelody();
        for (var i = 0; i < 8; i++)
        {
            _codecs[i] = i % 2 == 0 ? G711Codec.Pcmu : G711Codec.Pcma;
            _inputs[i] = new byte[AudioFrameMixer.FrameSamples];
            G711.Encode(_codecs[i], melody.AsSpan(i * 800, AudioFrameMixer.FrameSamples), _inputs[i]);
            _outputs[i] = new byte[AudioFrameMixer.FrameSamples];
        }

        HearingRules.ApplyMonitoring(_barge, MonitoringMode.Barge, 0, 1, 2);
        HearingRules.ApplyConference(_conference, [0, 1, 2, 3, 4, 5, 6, 7]);
    }

    [Benchmark(Baseline = true)]
    public byte ThreePartyMix20Ms() => Round(_threeParty, _barge, 3);

    [Benchmark]
    public byte EightPartyConference20Ms() => Round(_eightParty, _conference, 8);

    private byte Round(AudioFrameMixer mixer, HearingMatrix hearing, int parties)
    {
        mixer.BeginFrame();
        for (var i = 0; i < parties; i++)
        {
            mixer.SetInput(i, _codecs[i], _inputs[i]);
        }

        for (var i = 0; i < parties; i++)
        {
            mixer.MixEncoded(i, hearing.HeardBy(i), _codecs[i], _outputs[i]);
        }

        return _outputs[parties - 1][0];
    }
}
