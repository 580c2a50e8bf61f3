using Cti.Host;
using Microsoft.Extensions.Options;

try
{
    await using var app = CtiApplication.Build(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // Refuse to start with a list of every configuration problem, one per line, for journalctl or the console.
    await Console.Error.WriteLineAsync("Cti cannot start; fix the configuration:");
    foreach (var failure in ex.Failures)
    {
        await Console.Error.WriteLineAsync("  - " + failure);
    }

    return 2;
}
