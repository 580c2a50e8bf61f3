using System.Buffers;
using System.Globalization;

namespace Cti.Platform.Export;

/// <summary>
/// One CSV cell (RFC 4180: quoted when it holds a comma, quote or line break) made safe to open in a spreadsheet: a
/// cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be evaluated as a
/// formula, so it gets a leading apostrophe (OWASP's CSV injection rule). A plain number (an E.164 number such as
/// <c>+8613812345678</c>, <c>-3.5</c>) is left as it is: it evaluates to itself.
/// </summary>
internal static class CsvCell
{
    private static readonly SearchValues<char> NumberChars = SearchValues.Create("0123456789.");

    public static string Escape(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "";
        }

        if (StartsFormula(cell))
        {
            cell = "'" + cell;
        }

        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    /// <summary>Whether a spreadsheet would evaluate <paramref name="cell"/> as something other than its text.</summary>
    public static bool StartsFormula(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 0 && cell[0] switch
        {
            '=' or '@' or '\t' or '\r' => true,
            '+' or '-' => !IsPlainNumber(cell),
            _ => false,
        };
    }

    private static bool IsPlainNumber(string cell) =>
        cell.Length > 1 && cell.AsSpan(1).IndexOfAnyExcept(NumberChars) < 0 && double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}
