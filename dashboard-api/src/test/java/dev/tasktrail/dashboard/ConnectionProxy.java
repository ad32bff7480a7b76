package dev.tasktrail.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay that a test can disturb the way networks do: stall (bytes stop flowing, connections stay open) or cut
 * (open connections drop, new ones are refused until restored). Between the browser and the service under test
 * (browser-side emulation cannot do this: DevTools' "offline" leaves an open EventSource connection alone), or between
 * the service and Redis.
 */
public final class ConnectionProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object flow = new Object();
    private volatile boolean refusing;
    private volatile boolean stalled;

    private ConnectionProxy(ServerSocket server, String targetHost, int targetPort) {
        this.server = server;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** A relay on a free loopback port to a port of this machine. */
    public static ConnectionProxy to(int targetPort) {
        return to(InetAddress.getLoopbackAddress().getHostAddress(), targetPort);
    }

    public static ConnectionProxy to(String targetHost, int targetPort) {
        try {
            ConnectionProxy proxy = new ConnectionProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    targetHost, targetPort);
            daemon("proxy-accept", proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Bytes stop flowing in both directions; connections stay open. */
    public void stall() {
        stalled = true;
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        refusing = true;
        sockets.forEach(ConnectionProxy::closeQuietly);
    }

    public void restore() {
        refusing = false;
        synchronized (flow) {
            stalled = false;
            flow.notifyAll();
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        cut();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                relay(client);
            } catch (IOException e) {
                // the relay was closed
            }
        }
    }

    private void relay(Socket client) {
        Socket upstream;
        try {
            upstream = new Socket(targetHost, targetPort);
        } catch (IOException e) {
            // The target is down: the client sees its connection drop, as if it had connected directly.
            closeQuietly(client);
            return;
        }
        sockets.add(client);
        sockets.add(upstream);
        daemon("proxy-up", () -> pump(client, upstream));
        daemon("proxy-down", () -> pump(upstream, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                awaitFlow();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // a cut or the other side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitFlow() throws InterruptedException {
        synchronized (flow) {
            while (stalled) {
                flow.wait();
            }
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
