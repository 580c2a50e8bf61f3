namespace Cti.Media.Tests.Detection;

/// <summary>One generated recording and what it really is.</summary>
internal sealed record LabelledClip(string Name, string Label, short[] Samples);
