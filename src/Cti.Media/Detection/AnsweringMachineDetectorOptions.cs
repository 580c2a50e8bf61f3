namespace Cti.Media.Detection;

/// <summary>
/// Thresholds of the answering-machine detector, in the spirit of Asterisk's AMD() parameters (times in milliseconds,
/// rounded up to 20 ms frames). Defaults are shortened from Asterisk's so that every call is decided within 2.5 s of
/// answer; see docs/media.md for how they were measured.
/// </summary>
public sealed record AnsweringMachineDetectorOptions
{
    /// <summary>Shared defaults.</summary>
    public static AnsweringMachineDetectorOptions Default { get; } = new();

    /// <summary>Silence before the first word after which <see cref="InitialSilenceOutcome"/> is decided.</summary>
    public int InitialSilenceMilliseconds { get; init; } = 2000;

    /// <summary>
    /// What initial silence means. Asterisk says machine; the default says unsure, because a person who answers and
    /// waits is then not hung up on (the false positive regulators count).
    /// </summary>
    public AmdOutcome InitialSilenceOutcome { get; init; } = AmdOutcome.Unsure;

    /// <summary>Speech in the greeting beyond which it is a machine's.</summary>
    public int GreetingMilliseconds { get; init; } = 1100;

    /// <summary>Silence after a greeting that makes it a person waiting for the caller.</summary>
    public int AfterGreetingSilenceMilliseconds { get; init; } = 500;

    /// <summary>Analysis cap: at this point an undecided call is <see cref="AmdOutcome.Unsure"/>.</summary>
    public int TotalAnalysisMilliseconds { get; init; } = 2500;

    /// <summary>Voice shorter than this is a click or a breath, not a word.</summary>
    public int MinimumWordLengthMilliseconds { get; init; } = 100;

    /// <summary>Silence that separates two words.</summary>
    public int BetweenWordsSilenceMilliseconds { get; init; } = 100;

    /// <summary>Words (speech bursts) at which the greeting is a machine's.</summary>
    public int MaximumNumberOfWords { get; init; } = 4;

    /// <summary>One word at least this long is a machine's.</summary>
    public int MaximumWordLengthMilliseconds { get; init; } = 2000;

    /// <summary>Frame RMS (16-bit scale) below which a frame is silence whatever the noise floor (Asterisk's 256).</summary>
    public int SilenceThreshold { get; init; } = 256;

    /// <summary>How far above the line's noise floor (the quietest frame of the last second) a frame must be to be voice.</summary>
    public double NoiseFloorMarginDecibels { get; init; } = 9;

    /// <summary>Window over which the noise floor is the minimum frame level.</summary>
    public int NoiseFloorWindowMilliseconds { get; init; } = 1000;

    /// <summary>Whether a steady tone in the beep band decides machine.</summary>
    public bool DetectBeep { get; init; } = true;

    /// <summary>Steady tone needed to call it a beep.</summary>
    public int BeepMinimumMilliseconds { get; init; } = 200;

    /// <summary>Lowest beep frequency (Hz).</summary>
    public double BeepMinimumFrequency { get; init; } = 400;

    /// <summary>Highest beep frequency (Hz).</summary>
    public double BeepMaximumFrequency { get; init; } = 2000;

    /// <summary>Share of a frame's energy at one frequency for it to count as tone.</summary>
    public double BeepMinimumShare { get; init; } = 0.7;

    /// <summary>Every problem at once (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Positive(errors, InitialSilenceMilliseconds, nameof(InitialSilenceMilliseconds));
        Positive(errors, GreetingMilliseconds, nameof(GreetingMilliseconds));
        Positive(errors, AfterGreetingSilenceMilliseconds, nameof(AfterGreetingSilenceMilliseconds));
        Positive(errors, MinimumWordLengthMilliseconds, nameof(MinimumWordLengthMilliseconds));
        Positive(errors, BetweenWordsSilenceMilliseconds, nameof(BetweenWordsSilenceMilliseconds));
        Positive(errors, MaximumWordLengthMilliseconds, nameof(MaximumWordLengthMilliseconds));
        Positive(errors, NoiseFloorWindowMilliseconds, nameof(NoiseFloorWindowMilliseconds));
        Positive(errors, BeepMinimumMilliseconds, nameof(BeepMinimumMilliseconds));
        if (TotalAnalysisMilliseconds is < 500 or > 30_000)
        {
            errors.Add($"{nameof(TotalAnalysisMilliseconds)} must be between 500 and 30000 (is {TotalAnalysisMilliseconds}).");
        }

        if (InitialSilenceOutcome is not (AmdOutcome.Machine or AmdOutcome.Unsure))
        {
            errors.Add($"{nameof(InitialSilenceOutcome)} must be Machine or Unsure (is {InitialSilenceOutcome}).");
        }

        if (MaximumNumberOfWords < 1)
        {
            errors.Add($"{nameof(MaximumNumberOfWords)} must be at least 1 (is {MaximumNumberOfWords}).");
        }

        if (MaximumWordLengthMilliseconds < MinimumWordLengthMilliseconds)
        {
            errors.Add($"{nameof(MaximumWordLengthMilliseconds)} must not be below {nameof(MinimumWordLengthMilliseconds)}.");
        }

        if (SilenceThreshold is < 0 or > short.MaxValue)
        {
            errors.Add($"{nameof(SilenceThreshold)} must be between 0 and 32767 (is {SilenceThreshold}).");
        }

        if (NoiseFloorMarginDecibels is < 0 or > 40 || double.IsNaN(NoiseFloorMarginDecibels))
        {
            errors.Add($"{nameof(NoiseFloorMarginDecibels)} must be between 0 and 40 (is {NoiseFloorMarginDecibels}).");
        }

        if (!(BeepMinimumFrequency >= 100 && BeepMinimumFrequency < BeepMaximumFrequency && BeepMaximumFrequency <= 3500))
        {
            errors.Add($"{nameof(BeepMinimumFrequency)}..{nameof(BeepMaximumFrequency)} must be a range within 100–3500 Hz (is {BeepMinimumFrequency}–{BeepMaximumFrequency}).");
        }

        if (BeepMinimumShare is <= 0.3 or > 1 || double.IsNaN(BeepMinimumShare))
        {
            errors.Add($"{nameof(BeepMinimumShare)} must be above 0.3 and at most 1 (is {BeepMinimumShare}).");
        }

        return errors;
    }

    private static void Positive(List<string> errors, int value, string name)
    {
        if (value <= 0)
        {
            errors.Add($"{name} must be positive (is {value}).");
        }
    }
}
