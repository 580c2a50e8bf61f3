using System.Globalization;

namespace Cti.Gateways.At;

/// <summary>Parses the payloads of the information lines the driver uses.</summary>
internal static class AtResponseParser
{
    /// <summary>+CSQ rssi 0..31 to dBm (-113 + 2·rssi); 99 means unknown.</summary>
    public static int? ParseCsqDbm(AtLine line)
    {
        var fields = Split(line.Payload);
        if (fields.Length == 0 || !TryInt(fields[0], out var rssi) || rssi is < 0 or > 31)
        {
            return null;
        }

        return -113 + (2 * rssi);
    }

    /// <summary>
    /// +CREG: the answer to AT+CREG? is "n,stat[,lac,ci]"; the unsolicited form is "stat[,lac,ci]".
    /// </summary>
    public static NetworkRegistration? ParseCreg(AtLine line, bool isQueryResponse)
    {
        var fields = Split(line.Payload);
        var index = isQueryResponse && fields.Length >= 2 ? 1 : 0;
        if (fields.Length <= index || !TryInt(fields[index], out var stat) || stat is < 0 or > 5)
        {
            return null;
        }

        return (NetworkRegistration)stat;
    }

    /// <summary>+CLIP: "number",type,... — the caller's number, or null when withheld.</summary>
    public static string? ParseClipNumber(AtLine line)
    {
        var fields = Split(line.Payload);
        if (fields.Length == 0)
        {
            return null;
        }

        var number = fields[0].Trim('"');
        return number.Length == 0 ? null : number;
    }

    /// <summary>+CLCC: idx,dir,stat,mode,mpty[,"number",type].</summary>
    public static ClccEntry? ParseClcc(AtLine line)
    {
        var fields = Split(line.Payload);
        if (fields.Length < 3 || !TryInt(fields[0], out var index) || !TryInt(fields[1], out var dir) || !TryInt(fields[2], out var stat))
        {
            return null;
        }

        var number = fields.Length >= 6 ? fields[5].Trim('"') : null;
        return new ClccEntry(index, dir == 0, stat, string.IsNullOrEmpty(number) ? null : number);
    }

    /// <summary>+CPIN: READY / SIM PIN / SIM PUK ...</summary>
    public static string ParseCpin(AtLine line) => line.Payload.Trim('"');

    /// <summary>+CEER: free text (varies by vendor); kept whole, quotes removed.</summary>
    public static string ParseCeer(AtLine line) => line.Payload.Trim('"');

    private static string[] Split(string payload) => payload.Split(',', StringSplitOptions.TrimEntries);

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
