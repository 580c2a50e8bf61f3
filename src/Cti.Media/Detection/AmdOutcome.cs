namespace Cti.Media.Detection;

/// <summary>What answered an outbound call, as far as its first seconds of audio tell.</summary>
public enum AmdOutcome
{
    /// <summary>Not decided yet: keep feeding frames.</summary>
    Undecided,

    /// <summary>A person: a short greeting followed by silence (waiting for the caller).</summary>
    Human,

    /// <summary>An answering machine or voicemail: a long greeting, many words or a beep.</summary>
    Machine,

    /// <summary>The audio does not tell within the analysis time; treat as live to avoid hanging up on a person.</summary>
    Unsure,
}
