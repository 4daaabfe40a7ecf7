package dev.cairn.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshWorkspaceExtension.class)
class DockerHostsTest {

    private static DockerHosts hosts(Workspace workspace) {
        return new DockerHosts(new DockerHostStore(workspace.store(), Clock.systemUTC()), Map.of());
    }

    @Test
    void savedHostsAreListedAfterTheLocalEngineAndResolvedByNameOrUrl(Workspace workspace) {
        DockerHosts hosts = hosts(workspace);
        hosts.add("gpu-box", "tcp://10.0.0.5:2376", Path.of("/etc/cairn/gpu-box"), true);

        assertThat(hosts.list()).extracting(DockerHost::name).containsExactly("local", "gpu-box");
        assertThat(hosts.resolve("gpu-box").production()).isTrue();
        assertThat(hosts.resolve("tcp://10.0.0.5:2376").name()).isEqualTo("gpu-box");
        assertThat(hosts.resolve("unix:///run/other.sock").url()).isEqualTo("unix:///run/other.sock");
        assertThat(hosts.resolve("local").url()).isEqualTo(DockerHost.DEFAULT_LOCAL_URL);
        assertThat(hosts.remove("gpu-box")).isTrue();
        assertThat(hosts.list()).extracting(DockerHost::name).containsExactly("local");
    }

    @Test
    void remoteTcpWithoutTlsAndUnknownSchemesAreRefused(Workspace workspace) {
        DockerHosts hosts = hosts(workspace);
        assertThatThrownBy(() -> hosts.add("open", "tcp://10.0.0.5:2375", null, false))
                .isInstanceOf(DeployException.class).hasMessageContaining("needs TLS");
        assertThatThrownBy(() -> hosts.add("ssh", "ssh://me@box", null, false))
                .isInstanceOf(DeployException.class).hasMessageContaining("tunnel");
        assertThatThrownBy(() -> hosts.resolve("nowhere"))
                .isInstanceOf(DeployException.class).hasMessageContaining("No Docker host called 'nowhere'");
    }

    @Test
    void unreachableEngineIsAClearErrorNotAHang(Workspace workspace) {
        DockerHosts hosts = hosts(workspace);
        assertThatThrownBy(() -> hosts.test("unix:///nonexistent/docker.sock"))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("Cannot reach the Docker engine")
                .hasMessageContaining("is dockerd running");
    }

    @Test
    void testConnectionReportsTheEngine(Workspace workspace) {
        EngineInfo expected = LocalDocker.require();
        EngineInfo info = hosts(workspace).test("local");

        assertThat(info.apiVersion()).isEqualTo(expected.apiVersion());
        assertThat(info.apiAtLeast("1.41")).isTrue();
        assertThat(info.os()).isEqualTo("linux");
        assertThat(info.cpus()).isPositive();
        assertThat(info.memoryBytes()).isPositive();
        assertThat(info.describe()).startsWith("Docker " + info.engineVersion() + " (API ");
    }
}
