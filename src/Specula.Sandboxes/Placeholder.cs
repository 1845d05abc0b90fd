namespace Specula.Sandboxes; internal static class Placeholder { }
