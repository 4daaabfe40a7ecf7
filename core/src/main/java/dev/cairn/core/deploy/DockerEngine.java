package dev.cairn.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * An open connection to one Docker engine. It holds two clients: one with a response timeout for ordinary calls,
 * so an engine that stops answering cannot hang Cairn, and one without, for long streams (build output, followed
 * logs) that a timeout would cut (docker-java issues #1530, #1702).
 */
public final class DockerEngine implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private final DockerHost host;
    private final DockerClient client;
    private final DockerClient streamingClient;
    private final EngineInfo info;

    private DockerEngine(DockerHost host, DockerClient client, DockerClient streamingClient, EngineInfo info) {
        this.host = host;
        this.client = client;
        this.streamingClient = streamingClient;
        this.info = info;
    }

    /**
     * Connects and reads the engine's version; the API version is not pinned, so requests use the engine's own.
     *
     * @throws DeployException saying what to check when the engine cannot be reached or its TLS is refused
     */
    public static DockerEngine connect(DockerHost host) {
        DockerClientConfig config = config(host);
        DockerClient client = open(config, RESPONSE_TIMEOUT);
        try {
            EngineInfo info = readInfo(client);
            return new DockerEngine(host, client, open(config, null), info);
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw unreachable(host, e);
        }
    }

    public DockerHost host() {
        return host;
    }

    public EngineInfo info() {
        return info;
    }

    /** The client for calls that answer promptly. */
    public DockerClient client() {
        return client;
    }

    /** The client for streams that may run for minutes: build output, followed logs. */
    public DockerClient streamingClient() {
        return streamingClient;
    }

    @Override
    public void close() {
        closeQuietly(client);
        closeQuietly(streamingClient);
    }

    private static DockerClientConfig config(DockerHost host) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host.url())
                .withDockerTlsVerify(host.tls());
        if (host.tls()) {
            for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
                if (!Files.isRegularFile(host.certPath().resolve(file))) {
                    throw new DeployException("The TLS folder of host " + host.name() + " (" + host.certPath()
                            + ") has no " + file + "; it needs ca.pem, cert.pem and key.pem as Docker's client uses them.");
                }
            }
            builder.withDockerCertPath(host.certPath().toString());
        }
        return builder.build();
    }

    private static DockerClient open(DockerClientConfig config, Duration responseTimeout) {
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(16);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }

    private static EngineInfo readInfo(DockerClient client) {
        Version version = client.versionCmd().exec();
        Info info = client.infoCmd().exec();
        return new EngineInfo(version.getVersion(), version.getApiVersion(), version.getOperatingSystem(),
                version.getArch(), info.getNCPU() == null ? 0 : info.getNCPU(),
                info.getMemTotal() == null ? 0 : info.getMemTotal());
    }

    private static DeployException unreachable(DockerHost host, RuntimeException e) {
        String scheme = URI.create(host.url()).getScheme();
        String hint;
        if (causedBy(e, SSLException.class)) {
            hint = "the TLS handshake failed (" + rootMessage(e) + "): check that " + host.certPath()
                    + "/ca.pem signed the engine's certificate and that cert.pem/key.pem are a client pair it trusts";
        } else if ("unix".equals(scheme)) {
            hint = rootMessage(e) + ": is dockerd running, and may this user open " + URI.create(host.url()).getPath()
                    + " (group docker)?";
        } else {
            hint = rootMessage(e) + ": is the engine listening there (dockerd -H tcp://0.0.0.0:2376 --tlsverify), "
                    + "or your SSH tunnel open?";
        }
        return new DeployException("Cannot reach the Docker engine of host " + host.name() + " at " + host.url()
                + ": " + hint, e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // Closing only releases pooled connections; nothing is lost when it fails.
        }
    }
}
