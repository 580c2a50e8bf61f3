namespace Cti.Platform.Security;

/// <summary>Reads the API caller of a request from its authenticated user.</summary>
internal static class HttpContextCallerExtensions
{
    private static readonly object ItemKey = new();

    /// <summary>The caller of this request (<see cref="ApiCaller.Anonymous"/> without a valid key), read once per request.</summary>
    public static ApiCaller GetCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var cached) && cached is ApiCaller caller)
        {
            return caller;
        }

        caller = ApiCaller.From(context.User);
        context.Items[ItemKey] = caller;
        return caller;
    }
}
