using Microsoft.Extensions.Configuration;

namespace Cti.Registrar.Tests;

public sealed class AgentsOptionsKeyTests
{
    private static AgentsOptions Bind(Dictionary<string, string?> values) => Bind(values, []);

    private static AgentsOptions Bind(Dictionary<string, string?> values, List<string> errors)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = configuration.GetSection(AgentsOptions.SectionName).Get<AgentsOptions>() ?? new AgentsOptions();
        return options.ApplyKeys(configuration, errors);
    }

    [Fact]
    public void ApplyKeys_ObjectForm_KeyBecomesTheExtension()
    {
        var options = Bind(new()
        {
            ["Cti:Agents:1001:Password"] = "secret1001",
            ["Cti:Agents:agent-b:Password"] = "secret-b",
        });

        Assert.False(options.IsArrayForm);
        Assert.Equal(["1001", "agent-b"], options.Agents.Select(a => a.Extension));
        Assert.Empty(AgentsOptionsValidator.Collect(options));
    }

    [Fact]
    public void ApplyKeys_ObjectFormWithOwnExtensionEqualToTheKey_KeepsIt()
    {
        var errors = new List<string>();
        var options = Bind(new()
        {
            ["Cti:Agents:1001:Extension"] = "1001",
            ["Cti:Agents:1001:Password"] = "secret1001",
        }, errors);

        Assert.Empty(errors);
        Assert.Equal("1001", Assert.Single(options.Agents).Extension);
    }

    [Fact]
    public void ApplyKeys_ObjectFormWithOtherExtension_ReportsThatTheKeyIsTheId()
    {
        var errors = new List<string>();
        var options = Bind(new()
        {
            ["Cti:Agents:front-desk:Extension"] = "1001",
            ["Cti:Agents:front-desk:Password"] = "secret1001",
        }, errors);

        Assert.Equal("front-desk", Assert.Single(options.Agents).Extension);
        Assert.StartsWith("Cti:Agents:front-desk: the id inside ('1001') differs from the key 'front-desk'", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyKeys_ArrayForm_ReadsExtensionsAndReportsTheForm()
    {
        var options = Bind(new()
        {
            ["Cti:Agents:0:Extension"] = "1001",
            ["Cti:Agents:0:Password"] = "secret1001",
            ["Cti:Agents:1:Extension"] = "1002",
            ["Cti:Agents:1:Password"] = "secret1002",
        });

        Assert.True(options.IsArrayForm);
        Assert.Equal(["1001", "1002"], options.Agents.Select(a => a.Extension));
    }

    [Fact]
    public void Collect_ArrayFormWithoutExtension_NamesTheIndexAsBefore()
    {
        var options = Bind(new()
        {
            ["Cti:Agents:0:Extension"] = "1001",
            ["Cti:Agents:0:Password"] = "secret1001",
            ["Cti:Agents:1:Password"] = "secret",
        });

        var error = Assert.Single(AgentsOptionsValidator.Collect(options));
        Assert.Equal("Cti:Agents:1:Extension must not be empty.", error);
    }

    [Fact]
    public void Collect_ObjectForm_ErrorsNameTheKey()
    {
        var options = Bind(new() { ["Cti:Agents:1001:DisplayName"] = "no secret" });

        var error = Assert.Single(AgentsOptionsValidator.Collect(options));
        Assert.StartsWith("Cti:Agents:1001 ('1001') has neither Password", error, StringComparison.Ordinal);
    }
}
