using Cti.ModemSimulator;

// Usage: Cti.ModemSimulator --port /tmp/x/modem
// Then type control commands on stdin: ring <number> | hangup | stall | stall forever | unstall | garbage |
// split on|off | urc on|off | noise on|off | csq <0-31> | creg <0-5> | sim <state> | quit
var portIndex = Array.IndexOf(args, "--port");
if (portIndex < 0 || portIndex + 1 >= args.Length)
{
    await Console.Error.WriteLineAsync("usage: Cti.ModemSimulator --port <device>");
    return 2;
}

using var modem = new ModemSimulator(args[portIndex + 1]);
modem.Start();
await Console.Out.WriteLineAsync("ready");
while (await Console.In.ReadLineAsync() is { } input)
{
    var parts = input.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    if (parts.Length == 0)
    {
        continue;
    }

    var argument = parts.Length > 1 ? parts[1] : "";
    var handled = true;
    switch (parts[0].ToLowerInvariant())
    {
        case "ring":
            modem.Ring(argument.Length > 0 ? argument : "+8613800138000");
            break;
        case "hangup":
            modem.RemoteHangup();
            break;
        case "stall":
            modem.Stall = argument == "forever" ? StallMode.Forever : StallMode.UntilReset;
            break;
        case "unstall":
            modem.Stall = StallMode.None;
            break;
        case "garbage":
            modem.SendGarbage();
            break;
        case "split":
            modem.SplitResponses = argument == "on";
            break;
        case "urc":
            modem.InjectUnsolicitedMidResponse = argument == "on";
            break;
        case "noise":
            modem.GarbageBeforeResponses = argument == "on";
            break;
        case "csq" when int.TryParse(argument, out var rssi):
            modem.SignalRssi = rssi;
            break;
        case "creg" when int.TryParse(argument, out var stat):
            modem.Registration = stat;
            break;
        case "sim":
            modem.SimState = argument;
            break;
        case "quit":
            return 0;
        default:
            handled = false;
            break;
    }

    await Console.Out.WriteLineAsync(handled ? "ok" : "unknown command");
}

return 0;
