namespace Cti.Platform.Security;

/// <summary>Checks <c>Cti:Api:Keys</c>: names, secrets, roles and what each role needs. Reports every problem.</summary>
internal static class ApiKeysValidator
{
    /// <summary>Shorter secrets are guessable; 16 characters of a random string are about 96 bits.</summary>
    public const int MinimumKeyLength = 16;

    public static void Collect(ApiOptions api, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(errors);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in api.Keys)
        {
            var at = $"{ApiKeysReader.SectionName}:{key.Name}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                errors.Add($"{ApiKeysReader.SectionName}: an entry has no Name.");
            }
            else if (!names.Add(key.Name))
            {
                errors.Add($"{at}: the name is used more than once.");
            }

            // The secret itself never appears in a message: name the entry, not the value.
            if (string.IsNullOrWhiteSpace(key.Key))
            {
                errors.Add($"{at}:Key must not be empty.");
            }
            else if (key.Key.Length < MinimumKeyLength)
            {
                errors.Add($"{at}:Key is shorter than {MinimumKeyLength} characters; use a long random secret.");
            }
            else if (!secrets.Add(key.Key))
            {
                errors.Add($"{at} repeats the key of another entry.");
            }

            CollectRoles(key, at, errors);
        }
    }

    private static void CollectRoles(ApiKeyOptions key, string at, ICollection<string> errors)
    {
        if (key.Roles.Count == 0)
        {
            errors.Add($"{at}:Roles is empty; give one or more of: {string.Join(", ", ApiRoles.Known)}.");
        }

        foreach (var role in key.Roles.Where(r => !ApiRoles.Known.Contains(r)))
        {
            errors.Add($"{at}:Roles: unknown role '{role}'; use {string.Join(", ", ApiRoles.Known)}.");
        }

        var isAgent = key.Roles.Contains(ApiRoles.Agent, StringComparer.OrdinalIgnoreCase);
        if (isAgent && string.IsNullOrWhiteSpace(key.Agent))
        {
            errors.Add($"{at}: the agent role needs Agent, the agent id the key acts for.");
        }
        else if (!isAgent && !string.IsNullOrWhiteSpace(key.Agent))
        {
            errors.Add($"{at}:Agent is set but the key has no agent role.");
        }

        if (key.Teams.Count > 0 && !key.Roles.Contains(ApiRoles.Supervisor, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{at}:Teams is set but the key has no supervisor role.");
        }

        if (key.Teams.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{at}:Teams holds an empty team name.");
        }
    }
}
