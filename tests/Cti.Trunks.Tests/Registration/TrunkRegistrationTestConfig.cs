using Cti.Trunks;
using Cti.Trunks.Registration;

namespace Cti.Trunks.Tests.Registration;

internal static class TrunkRegistrationTestConfig
{
    public const string User = "cti-trunk";
    public const string Password = "carrier-secret-9";

    public static TrunkOptions Trunk(string name = "carrier-a", params string[] peers)
    {
        var trunk = TrunksOptionsValidatorTests.ValidTrunk(name);
        if (peers.Length > 0)
        {
            trunk.Peers.Clear();
            foreach (var peer in peers)
            {
                trunk.Peers.Add(peer);
            }
        }

        trunk.Registration = new TrunkRegistrationOptions
        {
            User = User,
            Password = Password,
            Expires = 300,
            Domain = "carrier.example",
            RetryAttempts = 3,
            RetryDelay = TimeSpan.FromSeconds(2),
            RetryMaxDelay = TimeSpan.FromSeconds(30),
            BreakAfterFailures = 6,
            BreakDuration = TimeSpan.FromMinutes(5),
        };
        return trunk;
    }

    public static TrunkRegistrationConfig Config(params string[] peers) => TrunkRegistrationConfig.From(Trunk("carrier-a", peers));
}
