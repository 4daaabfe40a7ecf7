package dev.cairn.app.shell;

import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The edits that Ctrl+Z takes back (descriptions, model cards, tags, aliases): each saved edit leaves its inverse
 * here, newest last. Undoing runs the inverse in the background, as the edit ran. Text fields keep their own Ctrl+Z
 * for typing; this one acts on what was saved.
 */
public final class UndoHistory {

    /** Enough to walk back a session's slips, not a versioning system. */
    private static final int LIMIT = 50;

    /** A saved edit: what it did, as a sentence, and the work that takes it back. */
    private record Edit(String what, Runnable inverse) {
    }

    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final Deque<Edit> edits = new ArrayDeque<>();
    private final BooleanProperty canUndo = new SimpleBooleanProperty();

    public UndoHistory(TaskExecutor tasks, Notifier notifier) {
        this.tasks = tasks;
        this.notifier = notifier;
    }

    /**
     * Records a saved edit and says so, with the way back. Call on the JavaFX thread, after the edit succeeded.
     *
     * @param what the edit as a sentence: "Changed the description of iris-lr"
     * @param inverse restores what was there before; runs on a background thread
     */
    public void record(String what, Runnable inverse) {
        edits.addLast(new Edit(what, inverse));
        if (edits.size() > LIMIT) {
            edits.removeFirst();
        }
        canUndo.set(true);
        notifier.info(what + ". Ctrl+Z undoes it.");
    }

    /** Takes back the newest edit not yet undone; says there is nothing to undo otherwise. */
    public void undo() {
        Edit edit = edits.pollLast();
        canUndo.set(!edits.isEmpty());
        if (edit == null) {
            notifier.info("Nothing to undo.");
            return;
        }
        tasks.execute(BackgroundTask.of("Undoing: " + edit.what(), (progress, cancellation) -> {
            edit.inverse().run();
            return edit.what();
        }).onSuccess(what -> notifier.info("Undone: " + what + ".")));
    }

    public BooleanProperty canUndo() {
        return canUndo;
    }
}
