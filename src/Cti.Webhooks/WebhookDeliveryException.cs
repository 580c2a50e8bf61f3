namespace Cti.Webhooks;

/// <summary>The receiver did not take a request: a non-2xx status or no answer in time. The message names no secret.</summary>
internal sealed class WebhookDeliveryException : Exception
{
    public WebhookDeliveryException()
    {
    }

    public WebhookDeliveryException(string message)
        : base(message)
    {
    }

    public WebhookDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
