namespace Cti.Media.Detection;

/// <summary>Why the answering-machine detector decided as it did (the Asterisk AMD() reasons plus the beep).</summary>
public enum AmdReason
{
    /// <summary>No decision yet.</summary>
    None,

    /// <summary>Silence for the initial-silence time before any word.</summary>
    InitialSilence,

    /// <summary>A greeting followed by the after-greeting silence: what a person does after "hello?".</summary>
    AfterGreetingSilence,

    /// <summary>More speech in the greeting than a person says before waiting for an answer.</summary>
    LongGreeting,

    /// <summary>More words (speech bursts) than the limit.</summary>
    MaximumWords,

    /// <summary>One word longer than the limit.</summary>
    MaximumWordLength,

    /// <summary>A steady tone in the beep band (the "leave a message" beep).</summary>
    Beep,

    /// <summary>The total analysis time passed without a decision.</summary>
    TooLong,
}
