using Microsoft.Extensions.Options;

namespace Cti.Registrar;

/// <summary>Checks the SIP accounts in <c>Cti:Agents</c> and reports every problem at once.</summary>
internal sealed class AgentsOptionsValidator : IValidateOptions<AgentsOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentsOptions options)
    {
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Collect(AgentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var agents = options.Agents;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < agents.Count; i++)
        {
            var agent = agents[i];
            var prefix = $"Cti:Agents:{options.KeyOf(i)}";
            if (string.IsNullOrWhiteSpace(agent.Extension))
            {
                errors.Add($"{prefix}:Extension must not be empty.");
            }
            else
            {
                if (!agent.Extension.All(IsUserChar))
                {
                    errors.Add($"{prefix}:Extension '{agent.Extension}' may contain only letters, digits and - _ . + characters.");
                }

                if (!seen.Add(agent.Extension))
                {
                    errors.Add($"{prefix}:Extension '{agent.Extension}' is configured more than once.");
                }
            }

            var hasPassword = !string.IsNullOrEmpty(agent.Password);
            var hasHa1 = !string.IsNullOrEmpty(agent.Ha1Md5) || !string.IsNullOrEmpty(agent.Ha1Sha256);
            if (!hasPassword && !hasHa1)
            {
                errors.Add($"{prefix} ('{agent.Extension}') has neither Password nor Ha1Md5/Ha1Sha256.");
            }

            if (hasPassword && hasHa1)
            {
                errors.Add($"{prefix} ('{agent.Extension}') has both Password and an HA1 value; give one of them.");
            }

            if (!string.IsNullOrEmpty(agent.Ha1Md5) && !IsHex(agent.Ha1Md5, 32))
            {
                errors.Add($"{prefix}:Ha1Md5 must be 32 hexadecimal characters.");
            }

            if (!string.IsNullOrEmpty(agent.Ha1Sha256) && !IsHex(agent.Ha1Sha256, 64))
            {
                errors.Add($"{prefix}:Ha1Sha256 must be 64 hexadecimal characters.");
            }

            foreach (var algorithm in agent.DigestAlgorithms)
            {
                if (!RegistrarOptions.KnownChallengeAlgorithms.Contains(algorithm, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"{prefix}:DigestAlgorithms has unknown algorithm '{algorithm}' (known: MD5, SHA-256).");
                }
                else if (!hasPassword && string.IsNullOrEmpty(string.Equals(algorithm, "MD5", StringComparison.OrdinalIgnoreCase) ? agent.Ha1Md5 : agent.Ha1Sha256))
                {
                    errors.Add($"{prefix}:DigestAlgorithms names {algorithm.ToUpperInvariant()} but the agent has no Password and no HA1 for it.");
                }
            }

            if (!string.IsNullOrEmpty(agent.StaticContact) && !StaticContactAddress.TryParse(agent.StaticContact, out _))
            {
                errors.Add($"{prefix}:StaticContact '{agent.StaticContact}' must be a sip: URI with a numeric IP host and a port, e.g. sip:1001@192.0.2.10:5060.");
            }
        }

        return errors;
    }

    private static bool IsUserChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+';

    private static bool IsHex(string value, int length) => value.Length == length && value.All(char.IsAsciiHexDigit);
}
