namespace Cti.Media.Detection;

/// <summary>
/// Thresholds of the special-information-tone and announcement detector (times in milliseconds, rounded up to 20 ms
/// frames). Segment lengths are measured in whole frames in which the tone dominates, so a 274 ms segment reads as
/// 240–280 ms and a 380 ms one as 340–380 ms; the short/long boundary sits between.
/// </summary>
public sealed record SpecialInformationToneDetectorOptions
{
    /// <summary>Shared defaults.</summary>
    public static SpecialInformationToneDetectorOptions Default { get; } = new();

    /// <summary>Frame RMS (16-bit scale) below which no tone is looked for (SIT is sent at −24 dBm0, about 1,100).</summary>
    public int MinimumToneRms { get; init; } = 150;

    /// <summary>
    /// Share of a frame's energy that one SIT frequency must hold. 0.6 passes a tone within about ±20 Hz of nominal
    /// and rejects DTMF pairs and chords, whose tones hold half the energy or less each.
    /// </summary>
    public double MinimumToneShare { get; init; } = 0.6;

    /// <summary>Shortest segment accepted (ITU-T allows 330 ± 70 ms; Telcordia 274 or 380 ms).</summary>
    public int MinimumSegmentMilliseconds { get; init; } = 200;

    /// <summary>Longest segment accepted; a longer steady tone is something else (a test tone, a fax).</summary>
    public int MaximumSegmentMilliseconds { get; init; } = 440;

    /// <summary>Segments measuring at least this are long (380 ms), shorter ones short (274 ms).</summary>
    public int LongSegmentMilliseconds { get; init; } = 320;

    /// <summary>Gap tolerated between and inside segments (ITU-T allows up to 30 ms; frame edges add one frame).</summary>
    public int MaximumGapMilliseconds { get; init; } = 60;

    /// <summary>How long after answer tones are still looked for before deciding <see cref="SitOutcome.None"/>.</summary>
    public int AnalysisAfterAnswerMilliseconds { get; init; } = 4000;

    /// <summary>Whether speech-like early media before answer decides <see cref="SitOutcome.Announcement"/>.</summary>
    public bool DetectAnnouncements { get; init; } = true;

    /// <summary>Speech-like (voiced, not tonal) early media needed for an announcement.</summary>
    public int AnnouncementSpeechMilliseconds { get; init; } = 1500;

    /// <summary>Speech bursts needed for an announcement (a ringback tone is one steady burst per ring).</summary>
    public int AnnouncementMinimumBursts { get; init; } = 3;

    /// <summary>
    /// Share of speech-like frames whose level jumps by 3 dB or more from the frame before: syllables do so often,
    /// ringback tones and steady hums hardly ever.
    /// </summary>
    public double AnnouncementMinimumModulation { get; init; } = 0.1;

    /// <summary>Frame RMS below which a frame is silence whatever the noise floor.</summary>
    public int SilenceThreshold { get; init; } = 256;

    /// <summary>How far above the line's noise floor a frame must be to be voice.</summary>
    public double NoiseFloorMarginDecibels { get; init; } = 9;

    /// <summary>Window over which the noise floor is the minimum frame level.</summary>
    public int NoiseFloorWindowMilliseconds { get; init; } = 1000;

    /// <summary>Every problem at once (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinimumToneRms is < 0 or > short.MaxValue)
        {
            errors.Add($"{nameof(MinimumToneRms)} must be between 0 and 32767 (is {MinimumToneRms}).");
        }

        if (MinimumToneShare is <= 0.5 or > 1 || double.IsNaN(MinimumToneShare))
        {
            errors.Add($"{nameof(MinimumToneShare)} must be above 0.5 (or DTMF pairs pass) and at most 1 (is {MinimumToneShare}).");
        }

        if (!(MinimumSegmentMilliseconds > 0 && MinimumSegmentMilliseconds < LongSegmentMilliseconds && LongSegmentMilliseconds < MaximumSegmentMilliseconds))
        {
            errors.Add($"Segment lengths must satisfy 0 < {nameof(MinimumSegmentMilliseconds)} < {nameof(LongSegmentMilliseconds)} < {nameof(MaximumSegmentMilliseconds)} (are {MinimumSegmentMilliseconds}, {LongSegmentMilliseconds}, {MaximumSegmentMilliseconds}).");
        }

        if (MaximumGapMilliseconds is < 0 or > 200)
        {
            errors.Add($"{nameof(MaximumGapMilliseconds)} must be between 0 and 200 (is {MaximumGapMilliseconds}).");
        }

        if (AnalysisAfterAnswerMilliseconds <= 0)
        {
            errors.Add($"{nameof(AnalysisAfterAnswerMilliseconds)} must be positive (is {AnalysisAfterAnswerMilliseconds}).");
        }

        if (AnnouncementSpeechMilliseconds <= 0)
        {
            errors.Add($"{nameof(AnnouncementSpeechMilliseconds)} must be positive (is {AnnouncementSpeechMilliseconds}).");
        }

        if (AnnouncementMinimumBursts < 1)
        {
            errors.Add($"{nameof(AnnouncementMinimumBursts)} must be at least 1 (is {AnnouncementMinimumBursts}).");
        }

        if (AnnouncementMinimumModulation is < 0 or > 1 || double.IsNaN(AnnouncementMinimumModulation))
        {
            errors.Add($"{nameof(AnnouncementMinimumModulation)} must be between 0 and 1 (is {AnnouncementMinimumModulation}).");
        }

        if (SilenceThreshold is < 0 or > short.MaxValue)
        {
            errors.Add($"{nameof(SilenceThreshold)} must be between 0 and 32767 (is {SilenceThreshold}).");
        }

        if (NoiseFloorMarginDecibels is < 0 or > 40 || double.IsNaN(NoiseFloorMarginDecibels))
        {
            errors.Add($"{nameof(NoiseFloorMarginDecibels)} must be between 0 and 40 (is {NoiseFloorMarginDecibels}).");
        }

        if (NoiseFloorWindowMilliseconds <= 0)
        {
            errors.Add($"{nameof(NoiseFloorWindowMilliseconds)} must be positive (is {NoiseFloorWindowMilliseconds}).");
        }

        return errors;
    }
}
