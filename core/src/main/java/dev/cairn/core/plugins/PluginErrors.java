package dev.cairn.core.plugins;

/**
 * What Cairn does with whatever a call into plugin code throws: it becomes a message naming the plugin, be it an
 * exception or an error (a missing class, an assertion, the plugin's own stack overflow), so a faulty plugin never
 * takes the application down. Only the JVM's own failures (out of memory, an internal error) go on up.
 */
public final class PluginErrors {

    private PluginErrors() {
    }

    /** Throws {@code e} again when no caller should go on after it; returns otherwise. */
    public static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
            throw fatal;
        }
    }
}
