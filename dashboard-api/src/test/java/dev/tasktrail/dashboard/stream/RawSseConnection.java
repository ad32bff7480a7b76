package dev.tasktrail.dashboard.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An SSE connection over a plain socket with a tiny receive buffer, for a client that stops reading: the test decides
 * when bytes are read. Decodes HTTP/1.1 chunked transfer and splits the SSE messages by their blank lines.
 */
final class RawSseConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final StringBuilder text = new StringBuilder();
    private boolean ended;

    private RawSseConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    static RawSseConnection open(URI uri, String token) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(20_000);
            String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            RawSseConnection connection = new RawSseConnection(socket);
            String status = connection.line();
            if (!status.contains(" 200 ")) {
                throw new IllegalStateException("stream not opened: " + status);
            }
            while (!connection.line().isEmpty()) {
                // headers
            }
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads until a message containing {@code needle} has arrived completely, or the server ends the response.
     *
     * @return the messages read so far, each the text between blank lines
     */
    List<String> readUntil(String needle) {
        try {
            while (!ended && !hasCompleteMessageWith(needle)) {
                readChunk();
            }
        } catch (IOException e) {
            ended = true;
        }
        return messages();
    }

    /** Reads until the server ends the response or closes the connection. */
    List<String> readToEnd() {
        return readUntil("\u0000never");
    }

    boolean ended() {
        return ended;
    }

    List<String> messages() {
        List<String> messages = new ArrayList<>();
        for (String message : text.toString().split("\n\n", -1)) {
            if (!message.isBlank()) {
                messages.add(message);
            }
        }
        return messages;
    }

    private boolean hasCompleteMessageWith(String needle) {
        int at = text.indexOf(needle);
        return at >= 0 && text.indexOf("\n\n", at) >= 0;
    }

    private void readChunk() throws IOException {
        String sizeLine = line();
        int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
        if (size == 0) {
            ended = true;
            return;
        }
        text.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
        line(); // the CRLF after the chunk
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                bytes.write(b);
            }
        }
        if (b == -1) {
            throw new IOException("connection closed");
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
