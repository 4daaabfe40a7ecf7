package dev.cairn.core.deploy;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.util.Map;

/**
 * The local Docker engine for tests. Without one the test is skipped with a message saying why; with
 * {@code CAIRN_REQUIRE_DOCKER=1} (as CI sets it) it fails instead, so a broken engine cannot pass as a skip.
 */
public final class LocalDocker {

    /** The base image .ci/docker-base-image.sh makes; the tests never pull one. */
    public static final String BASE_IMAGE = System.getProperty("cairn.docker.base-image", "cairn/jre-base:17");

    private static EngineInfo info;
    private static String unavailable;

    private LocalDocker() {
    }

    public static DockerHost host() {
        return DockerHost.local(System.getenv());
    }

    /** Skips (or under CAIRN_REQUIRE_DOCKER=1 fails) the test unless the engine answers and has the base image. */
    public static synchronized EngineInfo require() {
        if (info == null && unavailable == null) {
            try (DockerEngine engine = DockerEngine.connect(host())) {
                engine.client().inspectImageCmd(BASE_IMAGE).exec();
                info = engine.info();
            } catch (DeployException e) {
                unavailable = e.getMessage();
            } catch (RuntimeException e) {
                unavailable = "base image " + BASE_IMAGE + " missing (make it with .ci/docker-base-image.sh): "
                        + e.getMessage();
            }
        }
        if (unavailable != null) {
            unavailableBecause(unavailable);
        }
        return info;
    }

    static void unavailableBecause(String why) {
        if ("1".equals(Map.copyOf(System.getenv()).get("CAIRN_REQUIRE_DOCKER"))) {
            fail("CAIRN_REQUIRE_DOCKER=1 but " + why);
        }
        abort("needs a Docker engine with the base image " + BASE_IMAGE + " (Debian: apt-get install docker.io, start "
                + "dockerd, run .ci/docker-base-image.sh; DOCKER_HOST names another engine), and here " + why);
    }
}
