using System.Globalization;

namespace Cti.Media.Tests.Detection;

/// <summary>
/// Labelled answers made at test time with espeak-ng and sox, 8 kHz mono, telephone band: machine greetings (long
/// sentences, English and Mandarin, some with a 1 kHz beep) and people answering ("hello?", "喂", "yes, who is it?")
/// then waiting in silence, over varied voices, speeds, pitches, lead-in silences and line noise. Deterministic: the
/// same seed gives the same set on every run.
/// </summary>
internal static class AnswerCorpus
{
    public const string Machine = "machine";
    public const string Human = "human";

    private static readonly Lazy<IReadOnlyList<LabelledClip>> TuningClips = new(() => Generate(TuningSeed));
    private static readonly Lazy<IReadOnlyList<LabelledClip>> HeldOutClips = new(() => Generate(HeldOutSeed));

    private static readonly string[] MachineEnglish =
    [
        "Hi, you have reached the voicemail of John Smith. I am not available right now, please leave a message after the tone.",
        "Thank you for calling. Nobody is available to take your call at the moment. Please leave your name and number.",
        "Hello, this is Sarah. Sorry I missed your call, leave a message and I will call you back as soon as I can.",
        "The person you are calling is not available. Please record your message after the tone.",
        "You have reached the Johnson family. We can't come to the phone right now, so please leave a message.",
        "Welcome to the mailbox of extension four two seven. Please leave a message after the beep.",
        "Hi, it's Mike. I'm either on the other line or away from my desk. Leave a message and I'll get back to you.",
        "Your call has been forwarded to an automatic voice message system. The person you called is not available.",
        "Good day, you have reached the offices of Baker and Sons. Our office hours are nine to five, Monday to Friday.",
        "Hey there, you've got Lisa's phone. You know what to do.",
    ];

    private static readonly string[] MachineMandarin =
    [
        "您好，您拨打的用户暂时无法接通，请在提示音后留言。",
        "你好，我现在不方便接听电话，请留下您的姓名和电话号码，我会尽快回复您。",
        "欢迎致电，请在嘀声后留言，谢谢。",
        "您好，这里是王先生的语音信箱，现在无人接听，请留言。",
    ];

    private static readonly string[] HumanEnglish =
    [
        "Hello?", "Hello.", "Yes?", "Hi.", "Yeah, hello?", "Yes, who is it?", "Hello, who's calling?", "Good morning.", "Speaking.", "Hello, this is Tom.",
    ];

    private static readonly string[] HumanMandarin = ["喂？", "喂，你好。", "你好。", "喂，哪位？", "是我。"];

    private static readonly string[] EnglishVoices = ["en-us", "en-gb", "en-us+f3", "en-gb+m3", "en-us+f2", "en+m5"];
    private static readonly string[] MandarinVoices = ["cmn", "cmn+f3", "cmn+m3"];
    private static readonly string[] Noises = ["", "whitenoise 0.01", "pinknoise 0.03", "brownnoise 0.05", "whitenoise 0.03"];

    /// <summary>Variants made of each sentence.</summary>
    public const int VariantsPerText = 3;

    /// <summary>Seed of the set the default thresholds were chosen on.</summary>
    public const int TuningSeed = 20261202;

    /// <summary>Seed of the set the accuracy test measures: same sentences, other voices, speeds, pauses and noise.</summary>
    public const int HeldOutSeed = 31;

    /// <summary>The set the defaults were tuned on.</summary>
    public static IReadOnlyList<LabelledClip> Tuning => TuningClips.Value;

    /// <summary>The set the accuracy floors are asserted on.</summary>
    public static IReadOnlyList<LabelledClip> HeldOut => HeldOutClips.Value;

    private static List<LabelledClip> Generate(int seed)
    {
        AudioTools.Require();
        var random = new Random(seed);
        var jobs = new List<(string Name, string Label, string Voice, string Text, int Speed, int Pitch, double Lead, double Tail, string Noise, bool Beep)>();
        void Add(string label, string[] texts, string[] voices, bool machine)
        {
            for (var t = 0; t < texts.Length; t++)
            {
                for (var v = 0; v < VariantsPerText; v++)
                {
                    var voice = voices[random.Next(voices.Length)];
                    var speed = random.Next(140, 211);
                    var pitch = random.Next(30, 71);
                    var lead = machine ? random.Next(1, 6) / 10.0 : random.Next(2, 10) / 10.0;
                    var noise = Noises[random.Next(Noises.Length)];
                    var beep = machine && random.Next(2) == 0;
                    jobs.Add(($"{label}-{(voices == MandarinVoices ? "zh" : "en")}{t}-{v}", label, voice, texts[t], speed, pitch, lead, machine ? 0.3 : 3.0, noise, beep));
                }
            }
        }

        Add(Machine, MachineEnglish, EnglishVoices, machine: true);
        Add(Machine, MachineMandarin, MandarinVoices, machine: true);
        Add(Human, HumanEnglish, EnglishVoices, machine: false);
        Add(Human, HumanMandarin, MandarinVoices, machine: false);

        using var folder = new AudioTools.TempFolder();
        var clips = new LabelledClip[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var job = jobs[i];
            var raw = folder.File(job.Name + ".raw.wav");
            var band = folder.File(job.Name + ".band.wav");
            var final = folder.File(job.Name + ".wav");
            AudioTools.Run("espeak-ng", "-v", job.Voice, "-s", Invariant(job.Speed), "-p", Invariant(job.Pitch), "-w", raw, job.Text);

            // Telephone band, a speech level around −20 dBFS, the lead-in silence and the waiting (or beep) tail.
            var effects = new List<string> { "-R", raw, "-r", "8000", "-c", "1", "-b", "16", band, "sinc", "300-3400", "gain", "-n", "-4", "pad", Invariant(job.Lead), Invariant(job.Tail) };
            AudioTools.Run("sox", [.. effects]);
            if (job.Beep)
            {
                var beep = folder.File(job.Name + ".beep.wav");
                var joined = folder.File(job.Name + ".joined.wav");
                AudioTools.Run("sox", "-R", "-n", "-r", "8000", "-c", "1", "-b", "16", beep, "synth", "0.5", "sine", "1000", "vol", "0.3", "pad", "0", "1");
                AudioTools.Run("sox", "-R", band, beep, joined);
                File.Move(joined, band, overwrite: true);
            }

            if (job.Noise.Length > 0)
            {
                var parts = job.Noise.Split(' ');
                var noise = folder.File(job.Name + ".noise.wav");
                var seconds = AudioTools.ReadPcm(band).Length / 8000.0;
                AudioTools.Run("sox", "-R", "-n", "-r", "8000", "-c", "1", "-b", "16", noise, "synth", Invariant(seconds), parts[0], "vol", parts[1]);
                AudioTools.Run("sox", "-R", "-m", "-v", "1", band, "-v", "1", noise, final);
            }
            else
            {
                File.Move(band, final);
            }

            clips[i] = new LabelledClip($"{job.Name} {job.Voice} s{job.Speed} {job.Noise}{(job.Beep ? " beep" : "")}".TrimEnd(), job.Label, AudioTools.ReadPcm(final));
        });

        return [.. clips];
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
