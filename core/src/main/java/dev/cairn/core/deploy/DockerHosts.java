package dev.cairn.core.deploy;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Docker hosts a user can deploy to: the local engine (always there, named {@code local} unless a saved host
 * takes the name) and the saved ones. Resolves what a user types, a saved name or an engine URL, to a host.
 */
public final class DockerHosts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final DockerHostStore store;
    private final Map<String, String> environment;

    public DockerHosts(DockerHostStore store, Map<String, String> environment) {
        this.store = store;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Saves a host after checking its URL; a {@code tcp://} engine needs TLS material, since an open Docker port is
     * root access for anyone who reaches it.
     */
    public DockerHost add(String name, String url, Path certPath, boolean production) {
        if (!NAME.matcher(name).matches()) {
            throw new DeployException("A host name is letters, digits, '.', '_' or '-' (got '" + name + "')");
        }
        if (!url.contains("://")) {
            throw new DeployException("A Docker engine URL looks like unix:///var/run/docker.sock or tcp://HOST:2376 "
                    + "(got '" + url + "')");
        }
        String scheme = URI.create(url).getScheme();
        if (!List.of("unix", "tcp", "npipe").contains(scheme)) {
            throw new DeployException("Cairn reaches Docker over unix://, tcp:// or npipe:// (got '" + url + "'); for "
                    + "ssh:// open a tunnel to the remote socket and add its local end (see the README)");
        }
        boolean loopback = "tcp".equals(scheme) && List.of("127.0.0.1", "localhost").contains(URI.create(url).getHost());
        if ("tcp".equals(scheme) && certPath == null && !loopback) {
            throw new DeployException("A remote engine at " + url + " needs TLS: give --tls-dir with ca.pem, cert.pem "
                    + "and key.pem (an unencrypted Docker port is root access for anyone who reaches it)");
        }
        DockerHost host = new DockerHost(name, url, certPath == null ? null : certPath.toAbsolutePath(), production);
        store.save(host);
        return host;
    }

    /** The saved hosts, with the local engine first when no saved host is called {@code local}. */
    public List<DockerHost> list() {
        List<DockerHost> hosts = new ArrayList<>(store.list());
        if (hosts.stream().noneMatch(h -> h.name().equals(DockerHost.LOCAL_NAME))) {
            hosts.add(0, DockerHost.local(environment));
        }
        return hosts;
    }

    public boolean remove(String name) {
        return store.remove(name);
    }

    /**
     * The host a user means: a saved host's name, {@code local}, or an engine URL (a saved host with that URL, or an
     * unsaved one named by its URL).
     */
    public DockerHost resolve(String nameOrUrl) {
        if (!nameOrUrl.contains("://")) {
            return list().stream().filter(h -> h.name().equals(nameOrUrl)).findFirst()
                    .orElseThrow(() -> new DeployException("No Docker host called '" + nameOrUrl + "' (see 'cairn hosts "
                            + "list'; an engine URL such as unix:///var/run/docker.sock works too)"));
        }
        return store.list().stream().filter(h -> h.url().equals(nameOrUrl)).findFirst()
                .orElseGet(() -> new DockerHost(nameOrUrl, nameOrUrl, null, false));
    }

    /** Connects to the host and reads what the engine is: version, API, platform, CPUs and memory. */
    public EngineInfo test(String nameOrUrl) {
        try (DockerEngine engine = DockerEngine.connect(resolve(nameOrUrl))) {
            return engine.info();
        }
    }
}
