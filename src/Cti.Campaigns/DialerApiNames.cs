using Cti.Dialer.Campaigns;

namespace Cti.Campaigns;

/// <summary>The API's spelling of dialer enums (kebab-case).</summary>
internal static class DialerApiNames
{
    private static readonly Dictionary<string, DispositionKind> Dispositions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["success"] = DispositionKind.Success,
        ["callback"] = DispositionKind.Callback,
        ["not-interested"] = DispositionKind.NotInterested,
        ["wrong-number"] = DispositionKind.WrongNumber,
        ["do-not-call"] = DispositionKind.DoNotCall,
    };

    public static IEnumerable<string> DispositionNames => Dispositions.Keys;

    public static bool TryParseDisposition(string? text, out DispositionKind kind) => Dispositions.TryGetValue(text ?? "", out kind);

    public static string Disposition(DispositionKind kind) => Dispositions.First(p => p.Value == kind).Key;
}
