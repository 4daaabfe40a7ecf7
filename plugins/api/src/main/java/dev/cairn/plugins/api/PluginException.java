package dev.cairn.plugins.api;

/**
 * A failure a plugin explains itself: Cairn shows the message to the user as it is, so write it for them (what went
 * wrong with which file, and what to do), not as a stack trace.
 */
public class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
