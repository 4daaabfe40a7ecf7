package dev.cairn.app.drop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Routes files dropped anywhere on the window to the first feature whose {@link DropHandler}
 * takes them, and tells the user plainly about the files no feature takes.
 */
public final class DropRouter {

    private final List<DropHandler> handlers = new CopyOnWriteArrayList<>();
    private final Consumer<String> warnings;

    /** @param warnings shows a plain message to the user (the status bar's notifier) */
    public DropRouter(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    public void register(DropHandler handler) {
        handlers.add(handler);
    }

    /** Hands each file to the first handler that takes it; returns the files none took. */
    public List<Path> route(List<Path> files) {
        Map<DropHandler, List<Path>> routed = new LinkedHashMap<>();
        List<Path> unsupported = new ArrayList<>();
        for (Path file : files) {
            handlers.stream().filter(handler -> handler.canOpen(file)).findFirst().ifPresentOrElse(
                    handler -> routed.computeIfAbsent(handler, h -> new ArrayList<>()).add(file),
                    () -> unsupported.add(file));
        }
        routed.forEach(DropHandler::open);
        if (!unsupported.isEmpty()) {
            warnings.accept(describe(unsupported));
        }
        return unsupported;
    }

    private String describe(List<Path> unsupported) {
        String names = unsupported.stream().map(file -> String.valueOf(file.getFileName()))
                .collect(Collectors.joining(", "));
        String subject = unsupported.size() == 1 ? "this kind of file" : "these kinds of files";
        if (handlers.isEmpty()) {
            return "Cairn can't open " + names + ": no feature takes dropped files yet.";
        }
        List<String> kinds = handlers.stream().map(DropHandler::accepts).toList();
        String accepted = kinds.size() == 1 ? kinds.get(0)
                : String.join(", ", kinds.subList(0, kinds.size() - 1)) + " or " + kinds.get(kinds.size() - 1);
        return "Cairn can't open " + names + ": no feature takes " + subject + ". You can drop " + accepted + ".";
    }
}
