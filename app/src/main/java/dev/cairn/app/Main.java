package dev.cairn.app;

import dev.cairn.app.cli.CairnCommand;

/**
 * The {@code cairn} entry point. It loads no JavaFX class itself: the GUI starts only when no
 * sub-command is given, so headless commands run on machines without a display.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CairnCommand.run(args));
    }
}
