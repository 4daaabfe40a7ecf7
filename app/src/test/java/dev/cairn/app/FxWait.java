package dev.cairn.app;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/** Waits in GUI tests for background work to show its result, then lets the JavaFX thread settle. */
public final class FxWait {

    private FxWait() {
    }

    /**
     * Waits until {@code condition} holds, asking it on the JavaFX thread: it reads controls and observable lists,
     * which only that thread may touch (asked from the test thread, a list being changed throws
     * ConcurrentModificationException now and then).
     */
    public static void until(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within 20 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
