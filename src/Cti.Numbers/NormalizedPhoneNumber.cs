namespace Cti.Numbers;

/// <summary>A phone number in E.164 form with the region and line kind the numbering plan assigns.</summary>
public sealed record NormalizedPhoneNumber(string E164, string RegionCode, PhoneNumberKind Kind)
{
    public bool IsMobile => Kind == PhoneNumberKind.Mobile;

    /// <summary>The number safe for logs and events: country code and prefix kept, the middle masked.</summary>
    public string Masked => PhoneNumberMask.Mask(E164)!;

    public override string ToString() => Masked;
}
