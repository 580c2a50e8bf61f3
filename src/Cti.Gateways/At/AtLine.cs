namespace Cti.Gateways.At;

/// <summary>One classified line from a module; <see cref="Code"/> carries the +CME/+CMS error number.</summary>
internal readonly record struct AtLine(AtLineKind Kind, string Text, int? Code = null)
{
    /// <summary>Final result codes that end every command.</summary>
    public bool IsAlwaysFinal => Kind is AtLineKind.Ok or AtLineKind.Error or AtLineKind.CmeError or AtLineKind.CmsError;

    /// <summary>Call-progress codes: final for ATD/ATA, unsolicited otherwise.</summary>
    public bool IsCallProgress => Kind is AtLineKind.NoCarrier or AtLineKind.Busy or AtLineKind.NoAnswer or AtLineKind.NoDialTone or AtLineKind.Connect;

    /// <summary>Codes a module only ever sends on its own.</summary>
    public bool IsAlwaysUnsolicited => Kind is AtLineKind.Ring or AtLineKind.Clip;

    /// <summary>The text after "+XXX: ", or the whole line.</summary>
    public string Payload
    {
        get
        {
            var colon = Text.IndexOf(':', StringComparison.Ordinal);
            return Text.StartsWith('+') && colon > 0 ? Text[(colon + 1)..].Trim() : Text;
        }
    }
}
