using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>
/// A real baresip softphone (Debian package baresip, 1.0), headless: no terminal, audio from a sine generator,
/// played into a file sink, controlled through its ctrl_tcp module (netstring-framed JSON commands, with call
/// events pushed on the same connection). Either registered as one agent (<see cref="Start"/>), or unregistered
/// for direct calls to and from sip:user@127.0.0.1:port (<see cref="StartUnregistered"/>). Start returns at once;
/// commands and event waits first wait for the phone to be ready (<see cref="WaitReadyAsync"/>).
/// </summary>
internal sealed class BaresipAgent : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly object _outputLock = new();
    private readonly Process _process;
    private readonly List<Event> _events = [];
    private readonly object _eventsLock = new();
    private readonly Dictionary<string, TaskCompletionSource<Response>> _pending = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task<NetworkStream> _control;
    private readonly Task _ready;
    private TaskCompletionSource _eventArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextToken;
    private Task? _reader;

    private BaresipAgent(Process process, string directory, string user, int sipPort, int controlPort, string account)
    {
        _process = process;
        Directory = directory;
        User = user;
        SipPort = sipPort;
        ControlPort = controlPort;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // ctrl_tcp serves one connection at a time and pushes events to that connection only, never queued: connect
        // once and keep it, and only then create the user agent ("uanew"), so that no event (REGISTER_OK, an
        // early CALL_INCOMING) can happen before anyone listens.
        _control = ConnectAsync();
        _ready = CreateUserAgentAsync(account);
    }

    public string Directory { get; }

    public string User { get; }

    public int SipPort { get; }

    /// <summary>The ctrl_tcp port on 127.0.0.1.</summary>
    public int ControlPort { get; }

    /// <summary>Where to call this phone directly, without a registrar.</summary>
    public string Uri => $"sip:{User}@127.0.0.1:{SipPort}";

    /// <summary>
    /// What the phone heard (decoded audio) in its most recent call, as the WAV its <c>sndfile</c> module writes
    /// (<c>dump-…-dec.wav</c> in <see cref="Directory"/>).
    /// </summary>
    public string PlayedPath =>
        new DirectoryInfo(Directory).GetFiles("*dec*.wav").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()?.FullName
        ?? throw new FileNotFoundException($"baresip {User} wrote no decoded-audio dump in {Directory}: " + string.Join(", ", System.IO.Directory.GetFiles(Directory)));

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Every ctrl_tcp event received so far, oldest first.</summary>
    public IReadOnlyList<Event> Events
    {
        get
        {
            lock (_eventsLock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Mark to pass to <see cref="WaitForEventAsync"/> so that only later events count.</summary>
    public int EventCount
    {
        get
        {
            lock (_eventsLock)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>A phone registered as one agent with the service's registrar.</summary>
    /// <param name="answerMode">auto (answers every call at once) or manual (rings until <see cref="AcceptAsync"/>).</param>
    /// <param name="toneHz">The sine the phone sends as its voice, to tell in a recording who was heard.</param>
    public static BaresipAgent Start(
        string extension, string password, int registrarPort, string transport = "udp", int registerInterval = 600, string answerMode = "auto", int toneHz = 440)
        => Launch(extension, transport, _ => $"<sip:{extension}@127.0.0.1:{registrarPort};transport={transport}>;auth_pass={password};regint={registerInterval};answermode={answerMode}", toneHz);

    /// <summary>A phone that does not register: it calls and is called directly (peer to peer on loopback).</summary>
    public static BaresipAgent StartUnregistered(string user, string answerMode = "auto", string transport = "udp", int toneHz = 440)
        => Launch(user, transport, sipPort => $"<sip:{user}@127.0.0.1:{sipPort};transport={transport}>;regint=0;answermode={answerMode}", toneHz);

    /// <summary>Sends one ctrl_tcp command (the names of the menu module: "dial", "hold", ...) and awaits its reply.</summary>
    public async Task<Response> CommandAsync(string command, string? parameters = null, TimeSpan? timeout = null)
    {
        await _ready.WaitAsync(TimeSpan.FromSeconds(15));
        return await SendAsync(command, parameters, timeout);
    }

    /// <summary>Waits until the phone is listening and its user agent exists (registering, if it registers).</summary>
    public Task WaitReadyAsync() => _ready.WaitAsync(TimeSpan.FromSeconds(15));

    /// <summary>Calls a SIP URI ("dial").</summary>
    public Task DialAsync(string uri) => ExpectOkAsync("dial", uri);

    /// <summary>Answers the ringing incoming call ("accept").</summary>
    public Task AcceptAsync() => ExpectOkAsync("accept");

    /// <summary>Ends the current call ("hangup"): BYE once established, CANCEL or a rejection before.</summary>
    public Task HangUpAsync() => ExpectOkAsync("hangup");

    /// <summary>Holds the current call ("hold"): a re-INVITE with a=sendonly.</summary>
    public Task HoldAsync() => ExpectOkAsync("hold");

    /// <summary>Resumes the held call ("resume"): a re-INVITE with a=sendrecv.</summary>
    public Task ResumeAsync() => ExpectOkAsync("resume");

    /// <summary>Blind transfer of the current call ("transfer"): a REFER with Refer-To: <paramref name="uri"/>.</summary>
    public Task TransferAsync(string uri) => ExpectOkAsync("transfer", uri);

    /// <summary>Sends one DTMF digit on the current call ("sndcode"): RFC 4733 telephone-event packets.</summary>
    public Task SendDtmfAsync(char digit) => ExpectOkAsync("sndcode", digit.ToString());

    /// <summary>auto or manual ("answermode").</summary>
    public Task SetAnswerModeAsync(string mode) => ExpectOkAsync("answermode", mode);

    /// <summary>The "listcalls" text: one line per call with its state (RINGING, ESTABLISHED, "(on hold)").</summary>
    public async Task<string> ListCallsAsync() => (await ExpectOkAsync("listcalls")).Data;

    /// <summary>
    /// The first event of <paramref name="type"/> (see <see cref="EventTypes"/>) among those numbered from
    /// <paramref name="after"/> on (a mark from <see cref="EventCount"/>), waiting for it at most <paramref name="timeout"/>.
    /// </summary>
    public async Task<Event> WaitForEventAsync(string type, TimeSpan timeout, int after = 0)
    {
        var clock = Stopwatch.StartNew();
        await _ready.WaitAsync(timeout);
        while (true)
        {
            Task arrived;
            lock (_eventsLock)
            {
                for (var i = after; i < _events.Count; i++)
                {
                    if (_events[i].Type == type)
                    {
                        return _events[i];
                    }
                }

                arrived = _eventArrived.Task;
            }

            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"baresip {User}: no {type} within {timeout.TotalSeconds:0.#} s; events: {string.Join(", ", Events.Skip(after).Select(e => e.Type))}");
            }

            await Task.WhenAny(arrived, Task.Delay(left));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        if (_control.IsCompletedSuccessfully)
        {
            await _control.Result.DisposeAsync();
        }

        if (_reader is not null)
        {
            await _reader.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        // Kept next to the audio dumps: what the phone logged (SSRC changes, dropped or discarded packets) explains
        // a dump that ends early.
        await File.WriteAllTextAsync(Path.Combine(Directory, "baresip.log"), Output);
        _process.Dispose();
        _stopping.Dispose();
        _sendLock.Dispose();
    }

    private static BaresipAgent Launch(string user, string transport, Func<int, string> account, int toneHz = 440)
    {
        var baresip = RequiredTool.Path("baresip", "baresip");
        var directory = System.IO.Directory.CreateTempSubdirectory($"baresip-{user}-").FullName;
        // baresip also listens for TLS on the SIP port + 1.
        var sipPort = LoopbackPorts.NextBlock(2);
        var ctrlPort = LoopbackPorts.Next();
        var rtpBase = LoopbackPorts.NextBlock(20);
        // ausine only runs at 48 kHz stereo: without ausrc_srate/ausrc_channels the audio source fails to start on a
        // G.711 (8 kHz mono) call and baresip never sends its 200 OK.
        File.WriteAllText(Path.Combine(directory, "config"), $"""
            poll_method      epoll
            sip_listen       127.0.0.1:{sipPort}
            sip_trans_def    {transport}
            audio_player     aufile,{Path.Combine(directory, "played.wav")}
            audio_source     ausine,{toneHz}
            ausrc_srate      48000
            ausrc_channels   2
            audio_alert      aufile,/dev/null
            module_path      /usr/lib/baresip/modules
            module           g711.so
            module           ausine.so
            module           aufile.so
            module           sndfile.so
            snd_path         {directory}
            module_app       account.so
            module_app       menu.so
            module_app       ctrl_tcp.so
            ctrl_tcp_listen  127.0.0.1:{ctrlPort}
            rtp_ports        {rtpBase}-{rtpBase + 19}
            net_interface    127.0.0.1

            """);
        // No account at start: the user agent is created over ctrl_tcp once it is connected (see the constructor).
        File.WriteAllText(Path.Combine(directory, "accounts"), string.Empty);

        var start = new ProcessStartInfo(baresip)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(directory);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start baresip");
        process.StandardInput.Close();
        return new BaresipAgent(process, directory, user, sipPort, ctrlPort, account(sipPort));
    }

    private async Task<Response> SendAsync(string command, string? parameters, TimeSpan? timeout)
    {
        var stream = await _control.WaitAsync(TimeSpan.FromSeconds(10));
        var token = Interlocked.Increment(ref _nextToken).ToString(CultureInfo.InvariantCulture);
        var reply = new TaskCompletionSource<Response>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            _pending[token] = reply;
        }

        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("command", command);
            if (parameters is not null)
            {
                writer.WriteString("params", parameters);
            }

            writer.WriteString("token", token);
            writer.WriteEndObject();
        }

        var payload = json.ToArray();
        var frame = Encoding.ASCII.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture) + ":").Concat(payload).Append((byte)',').ToArray();
        await _sendLock.WaitAsync();
        try
        {
            await stream.WriteAsync(frame);
        }
        finally
        {
            _sendLock.Release();
        }

        try
        {
            return await reply.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        }
        finally
        {
            lock (_pending)
            {
                _pending.Remove(token);
            }
        }
    }

    private async Task CreateUserAgentAsync(string account)
    {
        var created = await SendAsync("uanew", account, timeout: null);
        if (!created.Ok)
        {
            throw new InvalidOperationException($"baresip {User}: uanew failed: {created.Data}");
        }
    }

    private async Task<Response> ExpectOkAsync(string command, string? parameters = null)
    {
        var response = await CommandAsync(command, parameters);
        return response.Ok
            ? response
            : throw new InvalidOperationException($"baresip {User}: '{command} {parameters}' failed: {response.Data}");
    }

    private async Task<NetworkStream> ConnectAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", ControlPort, _stopping.Token);
                var stream = client.GetStream();
                _reader = Task.Run(() => ReadAsync(stream));
                return stream;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(10) && !_process.HasExited)
            {
                client.Dispose();
                await Task.Delay(50, _stopping.Token);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
    }

    /// <summary>Reads netstrings ("&lt;length&gt;:&lt;json&gt;,") until the connection closes.</summary>
    private async Task ReadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var read = await stream.ReadAsync(chunk, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                buffer.AddRange(chunk.AsSpan(0, read));
                while (TryTakeNetstring(buffer, out var payload))
                {
                    Dispatch(payload);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The phone stopped or the agent is being disposed.
        }
    }

    private static bool TryTakeNetstring(List<byte> buffer, out byte[] payload)
    {
        payload = [];
        var colon = buffer.IndexOf((byte)':');
        if (colon < 0)
        {
            return false;
        }

        var length = int.Parse(Encoding.ASCII.GetString([.. buffer.Take(colon)]), CultureInfo.InvariantCulture);
        if (buffer.Count < colon + 1 + length + 1)
        {
            return false;
        }

        payload = [.. buffer.Skip(colon + 1).Take(length)];
        buffer.RemoveRange(0, colon + 1 + length + 1);
        return true;
    }

    private void Dispatch(byte[] payload)
    {
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        if (root.TryGetProperty("event", out var isEvent) && isEvent.ValueKind == JsonValueKind.True)
        {
            var received = new Event(
                Text(root, "type") ?? string.Empty, Text(root, "direction"), Text(root, "peeruri"), Text(root, "id"), Text(root, "param"), root.GetRawText());
            TaskCompletionSource signal;
            lock (_eventsLock)
            {
                _events.Add(received);
                signal = _eventArrived;
                _eventArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            signal.TrySetResult();
            return;
        }

        if (Text(root, "token") is { } token)
        {
            TaskCompletionSource<Response>? reply;
            lock (_pending)
            {
                _pending.TryGetValue(token, out reply);
            }

            reply?.TrySetResult(new Response(root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True, Text(root, "data") ?? string.Empty));
        }
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The reply to a command: ok is false for an unknown command or one that failed.</summary>
    public sealed record Response(bool Ok, string Data);

    /// <summary>One ctrl_tcp event; Param is the peer URI, an SDP role (offer/answer) or a reason, by type.</summary>
    public sealed record Event(string Type, string? Direction, string? PeerUri, string? CallId, string? Param, string Json);

    /// <summary>
    /// Event types baresip 1.0 sends (names as in its binary). Incoming, ringing, established, closed, RTP
    /// established, remote SDP, DTMF start and transfer are exercised in ToolSelfTests.
    /// </summary>
    public static class EventTypes
    {
        public const string CallIncoming = "CALL_INCOMING";
        public const string CallRinging = "CALL_RINGING";
        public const string CallProgress = "CALL_PROGRESS";
        public const string CallEstablished = "CALL_ESTABLISHED";
        public const string CallClosed = "CALL_CLOSED";
        public const string CallRtpEstablished = "CALL_RTPESTAB";
        public const string CallRemoteSdp = "CALL_REMOTE_SDP";
        public const string CallLocalSdp = "CALL_LOCAL_SDP";
        public const string CallDtmfStart = "CALL_DTMF_START";

        /// <summary>A REFER arrived: Param is the Refer-To URI.</summary>
        public const string CallTransfer = "TRANSFER";
        public const string CallTransferFailed = "TRANSFER_FAILED";
        public const string RegisterOk = "REGISTER_OK";
        public const string RegisterFail = "REGISTER_FAIL";
        public const string Unregistering = "UNREGISTERING";
    }
}
