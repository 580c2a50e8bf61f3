namespace Cti.Numbers;

/// <summary>What kind of line a number is, as far as the numbering plan tells.</summary>
public enum PhoneNumberKind
{
    Unknown,
    Mobile,
    FixedLine,
    FixedLineOrMobile,
    TollFree,
    Voip,
    Other,
}
