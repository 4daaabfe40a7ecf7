package dev.cairn.core.deploy;

/** The labels Cairn puts on its images and containers, so it can tell them apart from anything else on a host. */
final class Labels {

    static final String MODEL_NAME = "dev.cairn.model.name";
    static final String MODEL_VERSION = "dev.cairn.model.version";
    static final String MODEL_SHA256 = "dev.cairn.model.sha256";
    static final String RUNTIME_SHA256 = "dev.cairn.runtime.sha256";
    static final String DEPLOYMENT_ID = "dev.cairn.deployment.id";

    private Labels() {
    }
}
