package dev.cairn.core.tracking;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Random, readable run names such as {@code brave-heron-417}, as MLflow gives unnamed runs. */
final class RunNames {

    private static final List<String> ADJECTIVES = List.of("amber", "bold", "brave", "bright", "calm", "clever",
            "crisp", "eager", "gentle", "glad", "golden", "keen", "kind", "lively", "lucky", "merry", "misty", "noble",
            "quiet", "rapid", "silver", "sly", "steady", "sunny", "swift", "tidy", "vivid", "warm", "wise", "zesty");
    private static final List<String> NOUNS = List.of("badger", "bear", "crane", "deer", "dove", "eagle", "falcon",
            "finch", "fox", "hare", "hawk", "heron", "ibis", "lark", "lynx", "mole", "moth", "newt", "otter", "owl",
            "panda", "raven", "robin", "seal", "shrew", "stork", "swan", "trout", "wolf", "wren");

    private RunNames() {
    }

    static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size()))
                + "-" + random.nextInt(1000);
    }
}
