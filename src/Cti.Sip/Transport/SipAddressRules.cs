using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Cti.Sip.Transport;

internal static class SipAddressRules
{
    // Directed broadcast addresses of this host's IPv4 subnets, computed once (interfaces rarely change under a SIP server).
    private static readonly Lazy<HashSet<IPAddress>> SubnetBroadcasts = new(ComputeSubnetBroadcasts);

    /// <summary>We never send to broadcast, multicast or unspecified addresses (no amplification through us).</summary>
    public static bool IsForbiddenDestination(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> bytes = stackalloc byte[4];
            address.TryWriteBytes(bytes, out _);
            return address.Equals(IPAddress.Broadcast) || address.Equals(IPAddress.Any) || bytes[0] is >= 224 and <= 239 ||
                   SubnetBroadcasts.Value.Contains(address);
        }

        return address.IsIPv6Multicast || address.Equals(IPAddress.IPv6Any);
    }

    /// <summary>The textual form used in Via received= (IPv4-mapped addresses shown as IPv4).</summary>
    public static string ToViaText(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private static HashSet<IPAddress> ComputeSubnetBroadcasts()
    {
        var result = new HashSet<IPAddress>();
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    if (unicast.Address.AddressFamily != AddressFamily.InterNetwork || unicast.PrefixLength is <= 0 or >= 31)
                    {
                        continue;
                    }

                    var host = BitConverter.ToUInt32(unicast.Address.GetAddressBytes().Reverse().ToArray());
                    var mask = uint.MaxValue << (32 - unicast.PrefixLength);
                    var broadcast = BitConverter.GetBytes(host | ~mask).Reverse().ToArray();
                    result.Add(new IPAddress(broadcast));
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Without interface data only the limited broadcast and multicast ranges are refused.
        }

        return result;
    }
}
