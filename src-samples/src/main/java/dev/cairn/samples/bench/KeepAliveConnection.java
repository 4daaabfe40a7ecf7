package dev.cairn.samples.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;

/**
 * The load generator wrk would be, one connection of it: a keep-alive HTTP/1.1 socket that sends a request prepared
 * before timing and reads the answer's status line, headers and Content-Length-framed body. On a machine with few
 * cores a heavyweight client takes CPU from the server it measures; this one costs almost none.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    KeepAliveConnection(URI server) throws IOException {
        this.socket = new Socket(server.getHost(), server.getPort());
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** Sends the prepared request and returns the answer's status code, its body read and dropped. */
    int exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int status = Integer.parseInt(line().split(" ")[1]);
        long length = 0;
        for (String header = line(); !header.isEmpty(); header = line()) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(header.substring(15).trim());
            }
        }
        in.skipNBytes(length);
        return status;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
