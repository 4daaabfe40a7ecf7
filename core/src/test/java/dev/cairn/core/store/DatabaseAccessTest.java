package dev.cairn.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database is its owner's: the data directory, lock file and password file are owner-only, the AUTO_SERVER port
 * listens on loopback, and the old empty password no longer opens it (a database made with one is moved over).
 */
class DatabaseAccessTest {

    @TempDir
    Path folder;

    /**
     * H2 reads its bind address once, when its classes load; Store sets it first. The legacy test below talks to H2
     * directly, so Store must be loaded before it, as it is in the app, where Store is H2's only user.
     */
    @org.junit.jupiter.api.BeforeAll
    static void storeFirst() throws ClassNotFoundException {
        Class.forName(Store.class.getName());
    }

    @Test
    void aNewWorkspaceIsOwnerOnlyWithARandomPasswordAndALoopbackPort() throws Exception {
        Path home = folder.resolve("home");
        try (Workspace workspace = Workspace.open(home)) {
            assertThat(mode(home)).isEqualTo("rwx------");
            assertThat(mode(home.resolve(OwnerOnly.SECRET_FILE))).isEqualTo("rw-------");
            assertThat(mode(home.resolve("cairn.lock.db"))).isEqualTo("rw-------");
            assertThat(Files.readString(home.resolve(OwnerOnly.SECRET_FILE)).trim()).hasSizeGreaterThanOrEqualTo(40);
            Properties lock = new Properties();
            try (var in = Files.newInputStream(home.resolve("cairn.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            // Nothing answers on the machine's other addresses; loopback does.
            try (java.net.Socket loopback = new java.net.Socket("127.0.0.1", port)) {
                assertThat(loopback.isConnected()).isTrue();
            }
            for (java.net.InetAddress address : nonLoopbackAddresses()) {
                assertThatThrownBy(() -> {
                    try (java.net.Socket other = new java.net.Socket()) {
                        other.connect(new java.net.InetSocketAddress(address, port), 1000);
                    }
                }).as("%s:%d", address, port).isInstanceOf(IOException.class);
            }
            // Through the AUTO_SERVER port, as a second process connects: the empty password is refused.
            assertThatThrownBy(() -> DriverManager.getConnection(workspace.store().url(), "SA", "").close())
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aDatabaseMadeWithTheEmptyPasswordIsMovedToItsOwnAndKeepsItsData() throws Exception {
        Path home = Files.createDirectories(folder.resolve("legacy"));
        try (Connection legacy = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("cairn") , "sa", "");
             Statement sql = legacy.createStatement()) {
            sql.executeUpdate("CREATE TABLE kept (v INT)");
            sql.executeUpdate("INSERT INTO kept VALUES (42)");
        }
        try (Workspace workspace = Workspace.open(home)) {
            int kept = workspace.store().read(connection -> {
                try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("SELECT v FROM kept")) {
                    row.next();
                    return row.getInt(1);
                }
            });
            assertThat(kept).isEqualTo(42);
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:file:" + home.resolve("cairn"), "sa", "").close())
                .isInstanceOf(SQLException.class);
        try (Workspace again = Workspace.open(home)) {
            assertThat(again.schemaVersion()).isPositive();
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static java.util.List<java.net.InetAddress> nonLoopbackAddresses() throws IOException {
        java.util.List<java.net.InetAddress> addresses = new java.util.ArrayList<>();
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                    if (address instanceof java.net.Inet4Address) {
                        addresses.add(address);
                    }
                }
            }
        }
        return addresses;
    }
}
