using System.Net;
using Cti.Media.Relay;
using Microsoft.Extensions.Options;

namespace Cti.Media.Hosting;

/// <summary>Reports every problem of <c>Cti:Media</c> at once.</summary>
internal sealed class MediaOptionsValidator : IValidateOptions<MediaOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Collect(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = MediaOptions.SectionName;
        var errors = new List<string>();
        if (!IPAddress.TryParse(options.Address, out var address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            errors.Add($"{prefix}:Address must be a concrete IP address the phones and carriers can reach (is '{options.Address}').");
        }

        var range = new Cti.Media.Relay.RtpPortRangeOptions { MinPort = options.MinPort, MaxPort = options.MaxPort };
        errors.AddRange(range.Validate().Select(e => $"{prefix}: {e}"));
        if (options.MaxPort - options.MinPort + 1 < 4)
        {
            errors.Add($"{prefix}: MinPort..MaxPort must hold at least 4 ports: every relayed call uses two RTP/RTCP pairs.");
        }
        if (options.RecordingRetentionDays is < 0 or > 3650)
        {
            errors.Add($"{prefix}:RecordingRetentionDays must be between 0 and 3650 (is {options.RecordingRetentionDays}).");
        }

        if (string.IsNullOrWhiteSpace(options.RecordingsDirectory))
        {
            errors.Add($"{prefix}:RecordingsDirectory must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.PromptsDirectory))
        {
            errors.Add($"{prefix}:PromptsDirectory must not be empty.");
        }

        return errors;
    }
}
