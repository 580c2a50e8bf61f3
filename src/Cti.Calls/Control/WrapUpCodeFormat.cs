namespace Cti.Calls.Control;

/// <summary>What a wrap-up code looks like: short, lower-case, stable in reports and CSV.</summary>
internal static class WrapUpCodeFormat
{
    public const int MaxLength = 32;

    public static bool IsValid(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= MaxLength && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
