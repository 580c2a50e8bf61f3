using CsCheck;
using Cti.Media.Audio;
using Cti.Media.Detection;

namespace Cti.Media.Tests.Detection;

public sealed class DetectionPropertyTests
{
    // Frames from silence, full-scale extremes, random samples and pure tones, in any order and any chunk size.
    private static readonly Gen<short[]> Frame = Gen.OneOf(
        Gen.Const(new short[160]),
        Gen.Short.Array[1, 400],
        Gen.Select(Gen.Int[50, 3900], Gen.Int[0, 32767], (f, a) => Pcm.Tone(20, f, a)),
        Gen.Const(Enumerable.Repeat(short.MaxValue, 160).ToArray()),
        Gen.Const(Enumerable.Range(0, 160).Select(i => i % 2 == 0 ? short.MinValue : short.MaxValue).ToArray()));

    [Fact]
    public void AnsweringMachineDetector_ArbitraryFrames_NeverThrowsAndDecidesWithinTheCap()
    {
        Frame.Array[130, 200].Sample(
            frames =>
            {
                var detector = new AnsweringMachineDetector();
                var fed = 0;
                foreach (var frame in frames)
                {
                    detector.Process(frame);
                    fed += frame.Length;
                }

                // At least 2.5 s went in (padding with silence when the chunks were short), so it must have decided.
                if (fed < 20_000)
                {
                    detector.Process(new short[20_000 - fed]);
                }

                Assert.True(detector.Result.IsDecided);
                Assert.InRange(detector.Result.ElapsedMilliseconds, 20, 2500);
            },
            iter: 300,
            threads: 1);
    }

    [Fact]
    public void SpecialInformationToneDetector_ArbitraryFramesAndPayloads_NeverThrows()
    {
        Gen.Select(Frame.Array[1, 300], Gen.Bool, Gen.Byte.Array[0, 500]).Sample(
            (frames, answered, payload) =>
            {
                var detector = new SpecialInformationToneDetector();
                foreach (var frame in frames)
                {
                    detector.Process(frame);
                    if (answered)
                    {
                        detector.MarkAnswered();
                    }
                }

                detector.ProcessG711(G711Codec.Pcma, payload);
                Assert.InRange(detector.Result.ElapsedMilliseconds, 0, 20 * 2000);
                if (answered && detector.ElapsedMilliseconds >= 4000 + 20 * 300)
                {
                    Assert.True(detector.Result.IsDecided);
                }
            },
            iter: 300,
            threads: 1);
    }
}
