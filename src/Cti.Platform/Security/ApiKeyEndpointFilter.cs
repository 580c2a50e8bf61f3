namespace Cti.Platform.Security;

/// <summary>Rejects API calls without a valid <c>X-Api-Key</c> with a 401 problem-details response.</summary>
internal sealed class ApiKeyEndpointFilter : IEndpointFilter
{
    private readonly ApiKeyValidator _validator;

    public ApiKeyEndpointFilter(ApiKeyValidator validator) => _validator = validator;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var presented = http.Request.Headers[ApiKeyValidator.HeaderName].ToString();
        if (_validator.Validate(presented) is null)
        {
            http.Response.Headers.WWWAuthenticate = "ApiKey header=\"" + ApiKeyValidator.HeaderName + "\"";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: string.IsNullOrEmpty(presented)
                    ? $"The {ApiKeyValidator.HeaderName} header is missing."
                    : $"The {ApiKeyValidator.HeaderName} header does not hold a valid key.");
        }

        return await next(context);
    }
}
