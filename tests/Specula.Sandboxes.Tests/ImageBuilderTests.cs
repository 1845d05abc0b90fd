using Specula.Sandboxes.Images;

namespace Specula.Sandboxes.Tests;

[Collection(DockerTests.Name)]
public sealed class ImageBuilderTests(DockerFixture docker)
{
    private ImageBuilder Builder => new(docker.Connection, TimeProvider.System);

    [Fact]
    public async Task Base_image_is_cached_by_content_hash()
    {
        var again = await Builder.EnsureBaseImageAsync(BusyboxRootfs.Create().Value);

        Assert.True(again.Value.Cached);
        Assert.Equal(docker.BaseImage.Tag, again.Value.Tag);
        Assert.StartsWith(ImageBuilder.BaseRepository + ":", again.Value.Tag, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_hash_changes_with_any_input_and_only_then()
    {
        var a = BusyboxRootfs.Create().Value.ContentHash("salt");
        var b = BusyboxRootfs.Create().Value.ContentHash("salt");
        var c = BusyboxRootfs.Create().Value.Add(LayerEntry.Text("/etc/extra", "x")).ContentHash("salt");
        var d = BusyboxRootfs.Create().Value.ContentHash("other");

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, d);
    }

    [Fact]
    public async Task Target_layer_is_built_on_the_base_and_runs()
    {
        var files = new ImageLayer().Add(LayerEntry.Text("/opt/target/hello.sh", "#!/bin/sh\necho hello from $0\n", (UnixFileMode)0b111_101_101));
        var name = "test-hello-" + Guid.NewGuid().ToString("N")[..6];
        var built = await Builder.EnsureTargetImageAsync(docker.BaseImage, name, files);
        Assert.True(built.IsSuccess, built.Error?.ToString());
        Assert.False(built.Value.Cached);
        var cached = await Builder.EnsureTargetImageAsync(docker.BaseImage, name, files);
        Assert.True(cached.Value.Cached);

        var spec = docker.Spec(DockerFixture.NewRunId("layer"), "") with { Image = built.Value.Tag, Command = ["/opt/target/hello.sh"] };
        var result = await docker.Sandbox.RunAsync(spec, DockerFixture.TempDir());
        Assert.Equal("hello from /opt/target/hello.sh\n", result.Value.Stdout);

        await docker.Connection.Client.Images.DeleteImageAsync(built.Value.Tag, new global::Docker.DotNet.Models.ImageDeleteParameters { Force = true });
    }

    [Fact]
    public async Task Failed_build_is_an_error_result_even_though_the_client_does_not_throw()
    {
        var context = new ImageLayer().Add(LayerEntry.Text("/Dockerfile", $"FROM {docker.BaseImage.Tag}\nCOPY missing-file /x\n"));
        var result = await Builder.BuildContextAsync("specula-target-broken:test", "0", context, TimeProvider.System.GetTimestamp(), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(SandboxErrorCodes.ImageBuildFailed, result.Error!.Code);
        Assert.Contains("missing-file", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_busybox_is_an_error_with_the_package_to_install()
    {
        var result = BusyboxRootfs.Create("/nonexistent/busybox");

        Assert.Equal(SandboxErrorCodes.ImageInputMissing, result.Error!.Code);
        Assert.Contains("busybox-static", result.Error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Debian_base_is_keyed_by_its_inputs_not_their_order()
    {
        Assert.Equal(DebianRootfs.InputHash("bookworm", DebianRootfs.DefaultMirror, ["a", "b"]), DebianRootfs.InputHash("bookworm", DebianRootfs.DefaultMirror, ["b", "a"]));
        Assert.NotEqual(DebianRootfs.InputHash("bookworm", DebianRootfs.DefaultMirror, ["a"]), DebianRootfs.InputHash("trixie", DebianRootfs.DefaultMirror, ["a"]));
        Assert.NotEqual(DebianRootfs.InputHash("bookworm", DebianRootfs.DefaultMirror, ["a"]), DebianRootfs.InputHash("bookworm", DebianRootfs.DefaultMirror, ["a", "c"]));
    }
}
