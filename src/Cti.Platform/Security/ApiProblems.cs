namespace Cti.Platform.Security;

/// <summary>The authorization answers endpoints give when a caller's role allows the endpoint but not the target.</summary>
internal static class ApiProblems
{
    /// <summary>403 with a problem body saying why.</summary>
    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
