package dev.cairn.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes committed transactions durable with one H2 store write for many concurrent committers.
 *
 * <p>H2 keeps commits in memory and writes them to the file every 500 ms (WRITE_DELAY), so a killed
 * process loses the last half second. Writing on every commit (WRITE_DELAY=0) is safe but costs a
 * whole store write per transaction. Here each committer takes a ticket after its commit; one thread
 * at a time runs CHECKPOINT, which writes everything committed so far, and so covers every ticket
 * taken before it began. Committers that arrive while a write runs share the next one.
 */
final class GroupFlush {

    private final Object tickets = new Object();
    private final Object writer = new Object();
    private long issued;
    private long flushed;

    /** Returns once everything this connection committed is in the database file. */
    void awaitFlushed(Connection connection) throws SQLException {
        long ticket;
        synchronized (tickets) {
            ticket = ++issued;
        }
        synchronized (writer) {
            if (flushed >= ticket) {
                return;
            }
            long covered;
            synchronized (tickets) {
                covered = issued;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
            flushed = covered;
        }
    }
}
