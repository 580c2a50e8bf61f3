namespace Cti.Gateways.At;

/// <summary>
/// One AT command. <see cref="ResponsePrefix"/> names the information lines that belong to it ("+CSQ"); lines with
/// another prefix arriving meanwhile are unsolicited. Call-control commands (ATD, ATA) also end on call-progress codes.
/// </summary>
internal sealed record AtCommand(string Text, string? ResponsePrefix = null, bool IsCallControl = false)
{
    public static AtCommand Plain(string text) => new(text);

    public static AtCommand Query(string text, string prefix) => new(text, prefix);

    public static AtCommand Dial(string number) => new($"ATD{number};", IsCallControl: true);

    public static AtCommand Answer() => new("ATA", IsCallControl: true);

    /// <summary>What may be logged: dial strings carry a phone number.</summary>
    public string LogText => Text.StartsWith("ATD", StringComparison.OrdinalIgnoreCase)
        ? "ATD" + Cti.Numbers.PhoneNumberMask.ForLog(Text[3..].TrimEnd(';')) + ";"
        : Text;
}
