package dev.cairn.core.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A client that asks a deployment's URL for a class every 20 ms and keeps what each request got back. */
final class RoutedPoller implements AutoCloseable {

    /** One poll: when it was sent and what came back: the version that answered, or the error. */
    record Poll(long nanos, String answer) {
        boolean failed() {
            return !answer.matches("\\d+");
        }
    }

    private final List<Poll> polls = new ArrayList<>();
    private final AtomicBoolean polling = new AtomicBoolean(true);
    private final Thread thread;

    RoutedPoller(IrisClient iris, String url, String modelName) {
        thread = new Thread(() -> {
            while (polling.get()) {
                long sent = System.nanoTime();
                String answer;
                try {
                    answer = iris.classify(url, modelName, IrisClient.SETOSA).modelVersion();
                } catch (Exception e) {
                    answer = e.getMessage() == null ? e.toString() : e.getMessage();
                }
                synchronized (polls) {
                    polls.add(new Poll(sent, answer));
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        thread.start();
    }

    List<Poll> polls() {
        synchronized (polls) {
            return List.copyOf(polls);
        }
    }

    @Override
    public void close() throws InterruptedException {
        polling.set(false);
        thread.join();
    }
}
