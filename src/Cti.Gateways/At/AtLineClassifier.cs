using System.Globalization;

namespace Cti.Gateways.At;

/// <summary>Maps one received line to its meaning. Stateless; whether a line answers a command is the executor's call.</summary>
internal static class AtLineClassifier
{
    public static AtLine Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.Trim();
        return line switch
        {
            "OK" => new AtLine(AtLineKind.Ok, line),
            "ERROR" => new AtLine(AtLineKind.Error, line),
            "NO CARRIER" => new AtLine(AtLineKind.NoCarrier, line),
            "BUSY" => new AtLine(AtLineKind.Busy, line),
            "NO ANSWER" => new AtLine(AtLineKind.NoAnswer, line),
            "NO DIALTONE" or "NO DIAL TONE" => new AtLine(AtLineKind.NoDialTone, line),
            "RING" => new AtLine(AtLineKind.Ring, line),
            _ when line == "CONNECT" || line.StartsWith("CONNECT ", StringComparison.Ordinal) => new AtLine(AtLineKind.Connect, line),
            _ when line.StartsWith("+CME ERROR:", StringComparison.Ordinal) => new AtLine(AtLineKind.CmeError, line, ParseCode(line)),
            _ when line.StartsWith("+CMS ERROR:", StringComparison.Ordinal) => new AtLine(AtLineKind.CmsError, line, ParseCode(line)),
            _ when line.StartsWith("+CLIP:", StringComparison.Ordinal) => new AtLine(AtLineKind.Clip, line),
            _ when line.StartsWith("+CLCC:", StringComparison.Ordinal) => new AtLine(AtLineKind.Clcc, line),
            _ when line.StartsWith("+CREG:", StringComparison.Ordinal) => new AtLine(AtLineKind.Creg, line),
            _ when line.StartsWith("+CSQ:", StringComparison.Ordinal) => new AtLine(AtLineKind.Csq, line),
            _ when line.StartsWith("+CPIN:", StringComparison.Ordinal) => new AtLine(AtLineKind.Cpin, line),
            _ when line.StartsWith("+CEER:", StringComparison.Ordinal) => new AtLine(AtLineKind.Ceer, line),
            _ => new AtLine(AtLineKind.Information, line),
        };
    }

    // With AT+CMEE=2 the module sends text ("+CME ERROR: SIM not inserted"); the number is then unknown (-1).
    private static int ParseCode(string line)
    {
        var payload = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        return int.TryParse(payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : -1;
    }
}
