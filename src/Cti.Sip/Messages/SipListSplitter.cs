namespace Cti.Sip.Messages;

/// <summary>Splits a header value on commas that are outside quoted strings and angle brackets.</summary>
internal static class SipListSplitter
{
    /// <summary>Adds the trimmed, non-empty items to <paramref name="into"/>; returns false when an item was empty.</summary>
    public static bool Split(string value, List<string> into)
    {
        var allPresent = true;
        var start = 0;
        var inQuotes = false;
        var inBrackets = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }

                continue;
            }

            if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == '<')
            {
                inBrackets = true;
            }
            else if (c == '>')
            {
                inBrackets = false;
            }
            else if (c == ',' && !inBrackets)
            {
                allPresent &= AddItem(value, start, i, into);
                start = i + 1;
            }
        }

        allPresent &= AddItem(value, start, value.Length, into);
        return allPresent;
    }

    private static bool AddItem(string value, int start, int end, List<string> into)
    {
        var item = value.AsSpan(start, end - start).Trim(" \t");
        if (item.IsEmpty)
        {
            return false;
        }

        into.Add(item.ToString());
        return true;
    }
}
