package dev.cairn.core.testing;

import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test that asks for a {@link Workspace} parameter its own freshly created data
 * directory with a real H2 file database, closed and deleted after the test.
 */
public final class FreshWorkspaceExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FreshWorkspaceExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Workspace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent("workspace", key -> new OpenWorkspace(), OpenWorkspace.class)
                .workspace;
    }

    /** Closes the workspace and deletes its folder when JUnit closes the test's store. */
    private static final class OpenWorkspace implements AutoCloseable {

        private final Path home;
        private final Workspace workspace;

        OpenWorkspace() {
            try {
                home = Files.createTempDirectory("cairn-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            workspace = Workspace.open(home);
        }

        @Override
        public void close() {
            workspace.close();
            TestFiles.deleteRecursively(home);
        }
    }
}
