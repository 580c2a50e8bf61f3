namespace Cti.Host.Gateways;

/// <summary>Masks phone numbers for logs: +8613812345678 becomes +86138****5678.</summary>
internal static class GatewayNumberMask
{
    public static string Mask(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "(none)";
        }

        var keepEnd = number.Length >= 10 ? 4 : 2;
        var keepStart = Math.Clamp(number.Length - keepEnd - 4, 0, 6);
        if (number.Length <= keepEnd + 2)
        {
            return new string('*', number.Length);
        }

        return string.Concat(number.AsSpan(0, keepStart), "****", number.AsSpan(number.Length - keepEnd));
    }
}
