namespace Cti.Gateways.At;

/// <summary>The outcome of one command: its final code (when it completed) and its information lines.</summary>
internal sealed record AtResponse(AtResponseStatus Status, AtLine? Final, IReadOnlyList<AtLine> Lines)
{
    public bool IsOk => Status == AtResponseStatus.Completed && Final?.Kind == AtLineKind.Ok;

    public static AtResponse Failed(AtResponseStatus status) => new(status, null, []);

    public AtLine? Find(AtLineKind kind)
    {
        foreach (var line in Lines)
        {
            if (line.Kind == kind)
            {
                return line;
            }
        }

        return null;
    }

    public string Describe() => Status == AtResponseStatus.Completed ? Final?.Text ?? "?" : Status.ToString();
}
