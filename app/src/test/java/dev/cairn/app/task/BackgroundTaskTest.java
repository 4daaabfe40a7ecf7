package dev.cairn.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.error.CairnException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {

    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private final List<String> events = new ArrayList<>();

    @Test
    void successRunsOnSuccessThenFinally() {
        SimpleBooleanProperty busy = new SimpleBooleanProperty();
        executor.execute(BackgroundTask.of("answer", (progress, cancel) -> {
            events.add("busy=" + busy.get());
            return 42;
        }).busy(busy).onSuccess(value -> events.add("ok " + value)).andFinally(() -> events.add("finally")));
        assertThat(events).containsExactly("busy=true", "ok 42", "finally");
        assertThat(busy.get()).isFalse();
    }

    @Test
    void firstMatchingErrorHandlerWins() {
        executor.execute(BackgroundTask.of("fails", (progress, cancel) -> {
            throw new CairnException("bad file");
        }).onError(IllegalStateException.class, e -> events.add("state"))
                .onError(CairnException.class, e -> events.add("cairn: " + e.getMessage()))
                .onError(Exception.class, e -> events.add("any"))
                .andFinally(() -> events.add("finally")));
        assertThat(events).containsExactly("cairn: bad file", "finally");
        assertThat(executor.unhandled()).isEmpty();
    }

    @Test
    void unhandledFailuresGoToTheExecutor() {
        executor.execute(BackgroundTask.of("fails", (progress, cancel) -> {
            throw new IllegalStateException("bug");
        }).onError(CairnException.class, e -> events.add("cairn")));
        assertThat(events).isEmpty();
        assertThat(executor.unhandled()).singleElement().isInstanceOf(IllegalStateException.class);
    }
}
