package dev.cairn.core.deploy;

import java.nio.file.Path;

/** A registered model version with its file in Cairn's content store: what an image is built from. */
public record DeployableModel(String name, int version, String sha256, Path file) {

    /** {@code name:version}, as the CLI writes it. */
    public String reference() {
        return name + ":" + version;
    }
}
