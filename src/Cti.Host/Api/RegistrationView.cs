namespace Cti.Host.Api;

/// <summary>One registered extension with its contacts, as <c>GET /api/v1/registrations</c> lists it.</summary>
internal sealed record RegistrationView(string Extension, string DisplayName, IReadOnlyList<RegistrationContactView> Contacts);
