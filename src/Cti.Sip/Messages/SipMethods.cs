namespace Cti.Sip.Messages;

/// <summary>Method names (case-sensitive, RFC 3261 7.1) of RFC 3261 and its common extensions.</summary>
public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Register = "REGISTER";
    public const string Options = "OPTIONS";
    public const string Info = "INFO";
    public const string Prack = "PRACK";
    public const string Update = "UPDATE";
    public const string Subscribe = "SUBSCRIBE";
    public const string Notify = "NOTIFY";
    public const string Refer = "REFER";
    public const string Message = "MESSAGE";
    public const string Publish = "PUBLISH";

    /// <summary>Every method this library knows by name.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Invite, Ack, Bye, Cancel, Register, Options, Info, Prack, Update, Subscribe, Notify, Refer, Message, Publish];

    /// <summary>Returns the shared constant for a known method so parsing a method allocates nothing.</summary>
    internal static string Intern(ReadOnlySpan<char> method)
    {
        foreach (var known in All)
        {
            if (method.SequenceEqual(known))
            {
                return known;
            }
        }

        return method.ToString();
    }

    internal static string Intern(ReadOnlySpan<byte> method)
    {
        foreach (var known in All)
        {
            if (method.Length == known.Length && System.Text.Ascii.Equals(method, known))
            {
                return known;
            }
        }

        return System.Text.Encoding.UTF8.GetString(method);
    }
}
