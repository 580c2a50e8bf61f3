namespace Cti.Media.Recording;

/// <summary>Call recording settings (bound from configuration section <c>Media:Recording</c>).</summary>
public sealed class CallRecordingOptions
{
    /// <summary>Whether calls are recorded. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Folder the WAV files are written to; created when missing. Default <c>recordings</c>.</summary>
    public string Directory { get; set; } = "recordings";

    /// <summary>Recordings older than this many days are deleted by the retention sweep; 0 keeps them forever. Default 90.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>Returns every configuration error (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Directory))
        {
            errors.Add("Directory is required.");
        }

        if (RetentionDays < 0)
        {
            errors.Add("RetentionDays must not be negative.");
        }

        return errors;
    }
}
