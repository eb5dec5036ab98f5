package dev.givinghooks.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's package) started by a test on a free loopback port, in a
 * temporary directory, with an append-only file synced on every write, so that a process killed
 * and started again remembers what it was told, as a production Redis with persistence does.
 * {@link #close()} stops it and deletes the directory.
 */
public final class RedisServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path directory;
    private final int port;
    private final List<String> extraArguments;
    private Process process;

    private RedisServer(Path directory, int port, List<String> extraArguments) {
        this.directory = directory;
        this.port = port;
        this.extraArguments = extraArguments;
    }

    /**
     * Starts a standalone server.
     *
     * @return the running server
     * @throws IOException when it does not start
     */
    public static RedisServer start() throws IOException {
        return start(List.of());
    }

    /**
     * Starts a server with more configuration, such as {@code --cluster-enabled yes}.
     *
     * @param extraArguments arguments appended to the command line
     * @return the running server
     * @throws IOException when it does not start
     */
    public static RedisServer start(List<String> extraArguments) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            RedisServer server = new RedisServer(Files.createTempDirectory("givinghooks-redis"), freePort(), List.copyOf(extraArguments));
            try {
                server.launch();
                return server;
            } catch (IOException e) { // most likely the port was taken in between: try another
                server.close();
                last = e;
            }
        }
        throw last;
    }

    /**
     * Returns the port it listens on, on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns its URI, {@code redis://127.0.0.1:PORT}.
     *
     * @return the URI
     */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Kills the process at once (SIGKILL), as a crash would.
     *
     * @throws InterruptedException when interrupted while waiting for it to die
     */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /**
     * Starts the server again on the same port and directory, after {@link #kill()}.
     *
     * @throws IOException when it does not start
     */
    public void restart() throws IOException {
        if (process != null) {
            throw new IllegalStateException("running");
        }
        launch();
    }

    /**
     * Sends one command and returns the raw reply, for tests that look at Redis directly.
     *
     * @param arguments the command and its arguments
     * @return the reply: a bulk string's text, or the first line in RESP form, such as
     *         {@code +OK}, {@code :1500} or {@code $-1}
     * @throws IOException when the server does not answer
     */
    public String command(String... arguments) throws IOException {
        return command(port, arguments);
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server",
                "--bind", "127.0.0.1", "--port", Integer.toString(port), "--dir", directory.toString(),
                "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no",
                "--protected-mode", "no", "--logfile", directory.resolve("redis.log").toString()));
        command.addAll(extraArguments);
        Process started;
        try {
            started = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile())).start();
        } catch (IOException e) {
            throw new IOException("cannot run redis-server (Debian: apt-get install -y redis-server)", e);
        }
        process = started;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                process = null;
                throw new IOException("redis-server exited with " + started.exitValue() + ": " + log());
            }
            try {
                if (command("PING").equals("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting, or loading its append-only file
            }
            sleep(20);
        }
        started.destroyForcibly();
        process = null;
        throw new IOException("redis-server did not answer within " + START_TIMEOUT + ": " + log());
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(directory);
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /**
     * Sends one command to a server on loopback and returns its reply's first line.
     *
     * @param port the server's port
     * @param arguments the command and its arguments
     * @return a bulk string's text, or the reply's first line, such as {@code +PONG}
     * @throws IOException when the server does not answer
     */
    static String command(int port, String... arguments) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(5000);
            StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
            for (String argument : arguments) {
                request.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(argument).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String first = line(in);
            if (first.startsWith("$") && !first.equals("$-1")) { // a bulk string: its bytes follow
                byte[] bulk = in.readNBytes(Integer.parseInt(first.substring(1)));
                return new String(bulk, StandardCharsets.UTF_8);
            }
            return first;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new IOException("no reply");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /**
     * Returns a free loopback port whose Redis Cluster bus port (port + 10000) is free too.
     *
     * @return the port
     * @throws IOException when none is found
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IOException("no free loopback port");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
