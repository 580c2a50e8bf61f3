using System.Collections.Concurrent;
using System.IO.Ports;
using System.Text;

namespace Cti.ModemSimulator;

/// <summary>
/// Behaves like a GSM module on one end of a pseudo-terminal pair (or a real null-modem cable). Dialled numbers
/// choose the outcome by their last digit: 0 BUSY, 1 NO ANSWER, 2 answered, 3 +CME ERROR: 30, 4 NO CARRIER
/// (cause in +CEER), 5 NO DIALTONE, 6 rings until hung up, 7 answered like 2, 8 CONNECT at once, 9 ERROR.
/// </summary>
public sealed class ModemSimulator : IDisposable
{
    private static readonly byte[] s_noise = [0x00, 0xFF, 0x1B, 0x80, 0x07, 0xFE, 0x11, 0x13, 0x9B];
    private readonly SerialPort _port;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<string> _received = new();
    private readonly StringBuilder _input = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _reader;
    private bool _echo = true;
    private SimulatedCall? _call;
    private int _resets;
    private int _disposed;

    public ModemSimulator(string portPath)
    {
        _port = new SerialPort(portPath, 115200, Parity.None, 8, StopBits.One) { ReadTimeout = 200, WriteTimeout = 2000 };
    }

    /// <summary>Writes every response in small fragments with pauses, as slow UARTs and USB bridges do.</summary>
    public bool SplitResponses { get; set; }

    /// <summary>Puts "+CREG: 5" between a command's information line and its OK.</summary>
    public bool InjectUnsolicitedMidResponse { get; set; }

    /// <summary>Sends noise bytes before every response.</summary>
    public bool GarbageBeforeResponses { get; set; }

    public StallMode Stall { get; set; }

    public int SignalRssi { get; set; } = 20;

    public int Registration { get; set; } = 1;

    public string SimState { get; set; } = "READY";

    public string CeerCause { get; set; } = "No route to destination";

    public string ResetCommand { get; set; } = "AT+CFUN=1,1";

    /// <summary>How long a number ending in 2 (or 7-9) rings before it answers.</summary>
    public TimeSpan AnswerDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public IReadOnlyCollection<string> ReceivedCommands => _received.ToArray();

    public int Resets => Volatile.Read(ref _resets);

    public bool EchoEnabled
    {
        get
        {
            lock (_gate)
            {
                return _echo;
            }
        }
    }

    public void Start()
    {
        _port.Open();
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "modem simulator" };
        _reader.Start();
    }

    /// <summary>An inbound call: RING and +CLIP, repeated every <paramref name="interval"/> until answered or ended.</summary>
    public void Ring(string number, TimeSpan? interval = null)
    {
        var call = new SimulatedCall(outgoing: false, number, stat: 4);
        lock (_gate)
        {
            _call = call;
        }

        _ = RingLoopAsync(call, interval ?? TimeSpan.FromSeconds(2));
    }

    /// <summary>The far end hangs up: NO CARRIER, and the call leaves +CLCC.</summary>
    public void RemoteHangup()
    {
        lock (_gate)
        {
            _call = null;
        }

        SendUnsolicited("NO CARRIER");
    }

    public void SendGarbage() => WriteRaw(s_noise);

    public void SendUnsolicited(string line) => WriteLines([line]);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _port.Close();
        }
        catch (IOException)
        {
            // The pty is already gone.
        }

        _port.Dispose();
        _stop.Dispose();
    }

    private async Task RingLoopAsync(SimulatedCall call, TimeSpan interval)
    {
        try
        {
            for (var i = 0; i < 15; i++)
            {
                lock (_gate)
                {
                    if (!ReferenceEquals(_call, call) || call.Stat != 4)
                    {
                        return;
                    }
                }

                WriteLines(["RING", $"+CLIP: \"{call.Number}\",{(call.Number.StartsWith('+') ? 145 : 129)},\"\",,\"\",0"]);
                await Task.Delay(interval, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void ReadLoop()
    {
        var buffer = new byte[256];
        while (!_stop.IsCancellationRequested)
        {
            int read;
            try
            {
                read = _port.BaseStream.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            for (var i = 0; i < read; i++)
            {
                var c = (char)buffer[i];
                if (c == '\r')
                {
                    var command = _input.ToString().Trim();
                    _input.Clear();
                    if (command.Length > 0)
                    {
                        OnCommand(command);
                    }
                }
                else if (c != '\n')
                {
                    _input.Append(c);
                }
            }
        }
    }

    private void OnCommand(string command)
    {
        _received.Enqueue(command);
        var upper = command.ToUpperInvariant();
        bool echo;
        lock (_gate)
        {
            if (Stall == StallMode.Forever || (Stall == StallMode.UntilReset && !upper.Equals(ResetCommand, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            echo = _echo;
        }

        if (echo)
        {
            WriteRaw(Encoding.ASCII.GetBytes(command + "\r"));
        }

        var lines = Respond(upper, command);
        if (lines.Count > 0)
        {
            WriteLines(lines);
        }
    }

    private List<string> Respond(string upper, string original)
    {
        lock (_gate)
        {
            switch (upper)
            {
                case "AT":
                case "AT+CMEE=2":
                case "AT+CMEE=1":
                case "AT+CLIP=1":
                    return ["OK"];
                case "ATE0":
                    _echo = false;
                    return ["OK"];
                case "ATE1":
                    _echo = true;
                    return ["OK"];
                case "AT+CREG?":
                    return WithInjection($"+CREG: 0,{Registration}");
                case "AT+CSQ":
                    return WithInjection($"+CSQ: {SignalRssi},99");
                case "AT+CPIN?":
                    return WithInjection($"+CPIN: {SimState}");
                case "AT+CEER":
                    return [$"+CEER: {CeerCause}", "OK"];
                case "AT+CLCC":
                    return _call is null ? ["OK"] : [.. WithInjection(_call.ToClcc())];
                case "ATH":
                case "AT+CHUP":
                    _call = null;
                    return ["OK"];
                case "ATA":
                    if (_call is { Outgoing: false, Stat: 4 } incoming)
                    {
                        incoming.Stat = 0;
                        return ["OK"];
                    }

                    return ["NO CARRIER"];
                default:
                    break;
            }

            if (upper.Equals(ResetCommand, StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _resets);
                Stall = StallMode.None;
                _echo = true;
                _call = null;
                return ["OK"];
            }

            if (upper.StartsWith("AT+VTS=", StringComparison.Ordinal))
            {
                return _call is { Stat: 0 } ? ["OK"] : ["+CME ERROR: 3"];
            }

            if (upper.StartsWith("ATD", StringComparison.Ordinal) && upper.EndsWith(';'))
            {
                return Dial(original[3..^1]);
            }

            return ["ERROR"];
        }
    }

    private List<string> WithInjection(string information) =>
        InjectUnsolicitedMidResponse ? [information, "+CREG: 5", "OK"] : [information, "OK"];

    private List<string> Dial(string number)
    {
        if (_call is not null || number.Length == 0)
        {
            return ["+CME ERROR: 3"];
        }

        switch (number[^1])
        {
            case '0':
                return ["BUSY"];
            case '1':
                return ["NO ANSWER"];
            case '3':
                return ["+CME ERROR: 30"];
            case '4':
                return ["NO CARRIER"];
            case '5':
                return ["NO DIALTONE"];
            case '6':
                _call = new SimulatedCall(outgoing: true, number, stat: 3);
                return ["OK"];
            case '8':
                _call = new SimulatedCall(outgoing: true, number, stat: 0);
                return ["CONNECT"];
            case '9':
                return ["ERROR"];
            default:
                var call = new SimulatedCall(outgoing: true, number, stat: 2);
                _call = call;
                _ = AnswerLaterAsync(call);
                return ["OK"];
        }
    }

    private async Task AnswerLaterAsync(SimulatedCall call)
    {
        try
        {
            await Task.Delay(AnswerDelay / 3, _stop.Token);
            lock (_gate)
            {
                if (ReferenceEquals(_call, call))
                {
                    call.Stat = 3;
                }
            }

            await Task.Delay(AnswerDelay * 2 / 3, _stop.Token);
            lock (_gate)
            {
                if (ReferenceEquals(_call, call))
                {
                    call.Stat = 0;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void WriteLines(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append("\r\n").Append(line).Append("\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        if (GarbageBeforeResponses)
        {
            bytes = [.. s_noise, .. bytes];
        }

        WriteRaw(bytes);
    }

    private void WriteRaw(byte[] bytes)
    {
        // One writer at a time so fragments of two responses never interleave.
        lock (_port)
        {
            try
            {
                if (!SplitResponses)
                {
                    _port.BaseStream.Write(bytes, 0, bytes.Length);
                    return;
                }

                for (var offset = 0; offset < bytes.Length; offset += 3)
                {
                    _port.BaseStream.Write(bytes, offset, Math.Min(3, bytes.Length - offset));
                    _port.BaseStream.Flush();
                    Thread.Sleep(15);
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or ObjectDisposedException)
            {
                // The line end closed; a real module would talk into the void too.
            }
        }
    }
}
