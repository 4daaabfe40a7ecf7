package dev.cairn.testdata;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints each skipped test with its reason (a missing locale, no Docker engine), which the build's summary would
 * otherwise only count. Registered for every module's tests through this jar's service file.
 */
public final class SkipReasons implements TestExecutionListener {

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        report(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            report(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private static void report(TestIdentifier test, String reason) {
        String className = test.getSource().map(source -> source instanceof MethodSource method
                ? method.getClassName() : source instanceof ClassSource type ? type.getClassName() : "").orElse("");
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        String name = simpleName.isEmpty() || simpleName.equals(test.getDisplayName())
                ? test.getDisplayName() : simpleName + " " + test.getDisplayName();
        System.out.println("[SKIPPED] " + name + ": " + reason);
    }
}
