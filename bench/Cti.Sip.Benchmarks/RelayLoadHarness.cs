using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cti.Media.Relay;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Sip.Benchmarks;

/// <summary>
/// The relay's own ceiling, without SIP or SIPp: N relayed calls (two legs each, the service's
/// <see cref="RtpRelaySession"/>) fed with G.711 at 50 packets/s per direction by a light generator — two sockets
/// standing for every caller and every agent — that counts what comes out the other side per call.
/// <c>dotnet run -c Release --project bench/Cti.Sip.Benchmarks -- --relay-load --calls 2000 --seconds 20</c>
/// </summary>
internal static class RelayLoadHarness
{
    public const string Switch = "--relay-load";
    private const int PacketBytes = 12 + 160;

    public static int Run(string[] args)
    {
        var calls = Option(args, "--calls", 2000);
        var seconds = Option(args, "--seconds", 20);
        var firstPort = Option(args, "--first-port", 40000);
        using var allocator = new RtpPortAllocator(new RtpPortRangeOptions { MinPort = firstPort, MaxPort = firstPort + (calls * 4) + 3 });
        var options = new RtpRelayOptions { BindAddress = IPAddress.Loopback, SocketReceiveBufferBytes = 256 * 1024 };
        using var callers = Generator();
        using var agents = Generator();
        var sessions = new List<RtpRelaySession>(calls);
        for (var i = 0; i < calls; i++)
        {
            if (!RtpRelaySession.TryCreate("load-" + i.ToString(CultureInfo.InvariantCulture), allocator, options, TimeProvider.System, NullLogger<RtpRelaySession>.Instance, out var session, out var error))
            {
                Console.Error.WriteLine($"relay {i}: {error}");
                return 1;
            }

            session.LegA.SetRemote((IPEndPoint)callers.LocalEndPoint!);
            session.LegB.SetRemote((IPEndPoint)agents.LocalEndPoint!);
            session.Start();
            sessions.Add(session);
        }

        var toAgents = new long[calls];
        var toCallers = new long[calls];
        using var stop = new CancellationTokenSource();
        var receivers = new[]
        {
            new Thread(() => Receive(agents, toAgents, stop.Token)) { IsBackground = true, Name = "agents" },
            new Thread(() => Receive(callers, toCallers, stop.Token)) { IsBackground = true, Name = "callers" },
        };
        foreach (var thread in receivers)
        {
            thread.Start();
        }

        var relayA = sessions.Select(s => s.LegA.LocalRtpEndPoint.Serialize()).ToArray();
        var relayB = sessions.Select(s => s.LegB.LocalRtpEndPoint.Serialize()).ToArray();
        var packet = new byte[PacketBytes];
        packet[0] = 0x80;
        packet[1] = 8;
        packet.AsSpan(12).Fill(0xD5);
        long sentEachWay = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var ticks = seconds * 50;
        for (var tick = 0; tick < ticks; tick++)
        {
            var sequence = (ushort)tick;
            for (var i = 0; i < calls; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
                BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)(tick * 160));
                BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), (uint)i);
                callers.SendTo(packet, SocketFlags.None, relayA[i]);
                agents.SendTo(packet, SocketFlags.None, relayB[i]);
            }

            sentEachWay += calls;

            // Pace to 20 ms per tick; a generator that falls behind is reported, not hidden.
            var due = TimeSpan.FromMilliseconds((tick + 1) * 20.0);
            var ahead = due - clock.Elapsed;
            if (ahead > TimeSpan.Zero)
            {
                Thread.Sleep(ahead);
            }
        }

        var elapsed = clock.Elapsed;
        Thread.Sleep(500);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        stop.Cancel();
        callers.Close();
        agents.Close();
        long relayLost = 0;
        foreach (var session in sessions)
        {
            relayLost += session.LegA.GetStatistics().PacketsLost + session.LegB.GetStatistics().PacketsLost;
            session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        var receivedAgents = toAgents.Sum();
        var receivedCallers = toCallers.Sum();
        var expected = 2.0 * sentEachWay;
        var loss = 1.0 - ((receivedAgents + receivedCallers) / expected);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calls={calls} seconds={elapsed.TotalSeconds:F1} target_pps_each_way={calls * 50} sent_each_way={sentEachWay} " +
            $"to_agents={receivedAgents} to_callers={receivedCallers} loss={loss:P3} relay_counted_lost={relayLost} " +
            $"generator_behind={(elapsed.TotalSeconds > seconds * 1.02 ? "yes" : "no")} cpu_seconds={cpuUsed.TotalSeconds:F1} cores={Environment.ProcessorCount}"));
        return 0;
    }

    private static Socket Generator()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 16 * 1024 * 1024, SendBufferSize = 16 * 1024 * 1024 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static void Receive(Socket socket, long[] perCall, CancellationToken stop)
    {
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var length = socket.ReceiveFrom(buffer, ref any);
                if (length >= 12)
                {
                    var call = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(8));
                    if (call < perCall.Length)
                    {
                        perCall[call]++;
                    }
                }
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
