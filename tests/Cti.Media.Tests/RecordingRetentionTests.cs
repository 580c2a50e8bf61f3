using Cti.Media.Recording;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Media.Tests;

public sealed class RecordingRetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SelectExpired_MixedAges_ReturnsOnlyOlderThanMaxAgeOldestFirst()
    {
        RecordingFile[] files =
        [
            new("new.wav", Now.AddDays(-1)),
            new("edge.wav", Now.AddDays(-30)),
            new("old.wav", Now.AddDays(-31)),
            new("older.wav", Now.AddDays(-400)),
        ];

        var expired = RecordingRetention.SelectExpired(files, Now, TimeSpan.FromDays(30));

        Assert.Equal(["older.wav", "old.wav"], expired.Select(f => f.Path));
    }

    [Fact]
    public void SelectExpired_ZeroMaxAge_KeepsEverything()
    {
        Assert.Empty(RecordingRetention.SelectExpired([new RecordingFile("x.wav", Now.AddYears(-5))], Now, TimeSpan.Zero));
    }

    [Fact]
    public void Sweep_FakeTime_DeletesOnlyExpiredWavFiles()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cti-ret-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var time = new FakeTimeProvider(Now);
            var old = Touch(directory, "old.wav", Now.AddDays(-10));
            var fresh = Touch(directory, "fresh.wav", Now.AddDays(-2));
            var other = Touch(directory, "notes.txt", Now.AddDays(-100));
            var sweeper = new RecordingRetentionSweeper(new CallRecordingOptions { Directory = directory, RetentionDays = 7 }, time, NullLogger<RecordingRetentionSweeper>.Instance);

            Assert.Equal(1, sweeper.Sweep());
            Assert.False(File.Exists(old));
            Assert.True(File.Exists(fresh));
            Assert.True(File.Exists(other));

            time.Advance(TimeSpan.FromDays(6));
            Assert.Equal(1, sweeper.Sweep());
            Assert.False(File.Exists(fresh));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Touch(string directory, string name, DateTimeOffset lastWrite)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, [1]);
        File.SetLastWriteTimeUtc(path, lastWrite.UtcDateTime);
        return path;
    }
}
