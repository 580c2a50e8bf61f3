using Cti.Media.Audio;
using Cti.Media.Detection;

namespace Cti.Media.Tests.Detection;

/// <summary>Feeds audio to the detectors the way the relay would: µ-law RTP payloads of 20 ms, then silence if needed.</summary>
internal static class DetectionRun
{
    public static AmdResult Amd(short[] samples, AnsweringMachineDetectorOptions? options = null)
    {
        var detector = new AnsweringMachineDetector(options);
        var payload = new byte[DetectionFrame.Samples];
        for (var at = 0; at < samples.Length && !detector.Result.IsDecided; at += DetectionFrame.Samples)
        {
            var length = Math.Min(DetectionFrame.Samples, samples.Length - at);
            G711.EncodeMuLaw(samples.AsSpan(at, length), payload);
            detector.ProcessG711(G711Codec.Pcmu, payload.AsSpan(0, length));
        }

        var silence = new short[DetectionFrame.Samples];
        while (!detector.Result.IsDecided)
        {
            detector.Process(silence);
        }

        return detector.Result;
    }

    public static SitResult Sit(short[] samples, bool answered = false, SpecialInformationToneDetectorOptions? options = null)
    {
        var detector = new SpecialInformationToneDetector(options);
        if (answered)
        {
            detector.MarkAnswered();
        }

        var payload = new byte[DetectionFrame.Samples];
        for (var at = 0; at < samples.Length && !detector.Result.IsDecided; at += DetectionFrame.Samples)
        {
            var length = Math.Min(DetectionFrame.Samples, samples.Length - at);
            G711.EncodeALaw(samples.AsSpan(at, length), payload);
            detector.ProcessG711(G711Codec.Pcma, payload.AsSpan(0, length));
        }

        // A second of silence closes a tone that ends the clip.
        detector.Process(new short[DetectionFrame.SampleRate]);
        return detector.Result;
    }
}
