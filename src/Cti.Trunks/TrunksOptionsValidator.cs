using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Cti.Trunks;

/// <summary>Checks <c>Cti:Trunks</c> against the SIP profiles and routing queues, reporting every error at once.</summary>
internal sealed partial class TrunksOptionsValidator : IValidateOptions<TrunksOptions>
{
    private readonly IReadOnlySet<string> _profiles;
    private readonly IReadOnlySet<string>? _queues;

    /// <param name="profiles">Names in Cti:Sip:Profiles.</param>
    /// <param name="queues">Queue ids in Cti:Routing:Queues, or null when routing is not configured.</param>
    public TrunksOptionsValidator(IReadOnlySet<string> profiles, IReadOnlySet<string>? queues)
    {
        _profiles = profiles;
        _queues = queues;
    }

    public ValidateOptionsResult Validate(string? name, TrunksOptions options)
    {
        var errors = Collect(options, _profiles, _queues);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Collect(TrunksOptions options, IReadOnlySet<string> profiles, IReadOnlySet<string>? queues)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(profiles);
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Trunks.Count; i++)
        {
            var trunk = options.Trunks[i];
            var prefix = trunk.ConfigurationPath ?? $"Cti:Trunks:{i}";
            if (string.IsNullOrWhiteSpace(trunk.Name))
            {
                errors.Add($"{prefix}:Name is required.");
            }
            else if (!NameRegex().IsMatch(trunk.Name))
            {
                errors.Add($"{prefix}:Name '{trunk.Name}' may contain only letters, digits, '-' and '_'.");
            }
            else if (!names.Add(trunk.Name))
            {
                errors.Add($"{prefix}:Name '{trunk.Name}' is used by more than one trunk.");
            }

            if (string.IsNullOrWhiteSpace(trunk.Profile))
            {
                errors.Add($"{prefix}:Profile is required.");
            }
            else if (!profiles.Contains(trunk.Profile))
            {
                errors.Add($"{prefix}:Profile '{trunk.Profile}' is not in Cti:Sip:Profiles.");
            }
            else if (string.Equals(trunk.Profile, Cti.Registrar.SipOptions.AgentsProfile, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{prefix}:Profile may not be '{Cti.Registrar.SipOptions.AgentsProfile}'; trunks need their own profile.");
            }

            if (trunk.Peers.Count == 0)
            {
                errors.Add($"{prefix}:Peers needs at least one host:port.");
            }

            foreach (var peer in trunk.Peers)
            {
                if (!IPEndPoint.TryParse(peer ?? string.Empty, out var endPoint) || endPoint.Port == 0)
                {
                    errors.Add($"{prefix}:Peers entry '{peer}' is not an IP address with a port (e.g. 127.0.0.1:5090).");
                }
            }

            if (trunk.Transport is not (TrunkTransportNames.Udp or TrunkTransportNames.Tcp))
            {
                errors.Add($"{prefix}:Transport '{trunk.Transport}' must be 'udp' or 'tcp'.");
            }

            if (trunk.AllowFrom.Count == 0)
            {
                errors.Add($"{prefix}:AllowFrom needs at least one network (CIDR, e.g. 127.0.0.0/8).");
            }

            foreach (var network in trunk.AllowFrom)
            {
                if (!IPNetwork.TryParse(network ?? string.Empty, out _))
                {
                    errors.Add($"{prefix}:AllowFrom entry '{network}' is not a CIDR network (e.g. 203.0.113.0/24).");
                }
            }

            if (trunk.Dids.Count == 0)
            {
                errors.Add($"{prefix}:Dids needs at least one DID → queue entry.");
            }

            foreach (var (did, queue) in trunk.Dids)
            {
                if (!DidRegex().IsMatch(did))
                {
                    errors.Add($"{prefix}:Dids key '{did}' must be digits with an optional leading '+'.");
                }

                if (string.IsNullOrWhiteSpace(queue))
                {
                    errors.Add($"{prefix}:Dids:{did} needs a queue id.");
                }
                else if (queues is not null && !queues.Contains(queue))
                {
                    errors.Add($"{prefix}:Dids:{did} names queue '{queue}', which is not in Cti:Routing:Queues.");
                }
            }

            if (trunk.DefaultRegion is not null && !Cti.Numbers.PhoneNumberNormalizer.IsSupportedRegion(trunk.DefaultRegion))
            {
                errors.Add($"{prefix}:DefaultRegion '{trunk.DefaultRegion}' is not a known region code (e.g. CN, US, GB).");
            }

            if (trunk.OptionsInterval < TimeSpan.Zero || (trunk.OptionsInterval > TimeSpan.Zero && trunk.OptionsInterval < TimeSpan.FromSeconds(1)))
            {
                errors.Add($"{prefix}:OptionsInterval must be zero (off) or at least one second.");
            }

            if (trunk.Registration is { } registration)
            {
                if (string.IsNullOrWhiteSpace(registration.User))
                {
                    errors.Add($"{prefix}:Registration:User is required when Registration is set.");
                }

                if (string.IsNullOrEmpty(registration.Password))
                {
                    errors.Add($"{prefix}:Registration:Password is required when Registration is set.");
                }

                if (registration.Expires is < 60 or > 86400)
                {
                    errors.Add($"{prefix}:Registration:Expires must be between 60 and 86400 seconds.");
                }

                CollectRegistrationErrors(registration, $"{prefix}:Registration", errors);
            }
        }

        // Two profiles-worth of trunks may share a DID only on different profiles: a call is matched by profile first.
        foreach (var group in options.Trunks.Where(t => !string.IsNullOrWhiteSpace(t.Profile)).GroupBy(t => t.Profile, StringComparer.OrdinalIgnoreCase))
        {
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var trunk in group)
            {
                foreach (var did in trunk.Dids.Keys)
                {
                    if (owners.TryGetValue(did, out var other) && !string.Equals(other, trunk.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        errors.Add($"Cti:Trunks: DID '{did}' is claimed by trunks '{other}' and '{trunk.Name}' on profile '{group.Key}'.");
                    }
                    else
                    {
                        owners[did] = trunk.Name;
                    }
                }
            }
        }

        return errors;
    }

    // Outbound registration (Trunks/Registration): user and domain go into SIP URIs, the rest into the Polly pipeline.
    private static void CollectRegistrationErrors(TrunkRegistrationOptions registration, string prefix, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(registration.User) && !SipUserRegex().IsMatch(registration.User))
        {
            errors.Add($"{prefix}:User '{registration.User}' may contain only letters, digits and -_.!~*'()&=+$,;?/ (no '@', ':' or spaces).");
        }

        if (!string.IsNullOrWhiteSpace(registration.Domain) && !SipDomainRegex().IsMatch(registration.Domain.Trim()))
        {
            errors.Add($"{prefix}:Domain '{registration.Domain}' must be a host name or IP address with an optional :port.");
        }

        if (registration.RetryAttempts is < 0 or > 10)
        {
            errors.Add($"{prefix}:RetryAttempts must be between 0 and 10.");
        }

        if (registration.RetryDelay < TimeSpan.FromMilliseconds(100) || registration.RetryDelay > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{prefix}:RetryDelay must be between 00:00:00.1 and 00:10:00.");
        }

        if (registration.RetryMaxDelay < TimeSpan.FromSeconds(1) || registration.RetryMaxDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}:RetryMaxDelay must be between 00:00:01 and 01:00:00.");
        }
        else if (registration.RetryMaxDelay < registration.RetryDelay)
        {
            errors.Add($"{prefix}:RetryMaxDelay must not be shorter than RetryDelay.");
        }

        if (registration.BreakAfterFailures is < 2 or > 1000)
        {
            errors.Add($"{prefix}:BreakAfterFailures must be between 2 and 1000.");
        }

        if (registration.BreakDuration < TimeSpan.FromSeconds(1) || registration.BreakDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"{prefix}:BreakDuration must be between 00:00:01 and 1.00:00:00.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-_.!~*'()&=+$,;?/]{1,64}$")]
    private static partial Regex SipUserRegex();

    [GeneratedRegex(@"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]{1,253})(:[0-9]{1,5})?$")]
    private static partial Regex SipDomainRegex();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^\+?[0-9]{1,20}$")]
    private static partial Regex DidRegex();
}
