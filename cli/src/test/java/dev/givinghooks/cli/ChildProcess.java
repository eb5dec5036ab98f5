package dev.givinghooks.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process whose standard output and error are drained by two threads of its own, from
 * the moment it starts, into memory that the test reads at any time.
 *
 * <p>Each stream gets a dedicated thread rather than a task on a shared pool: a read of a
 * long-running process's stream blocks until that process exits, and on a shared pool (the
 * common pool has a single worker on two processors, and from JDK 25 on {@code CompletableFuture}
 * runs its default async tasks there even then) the reads of every later process would queue
 * behind it. Draining both streams at once also keeps a chatty child from filling a pipe and
 * stalling.
 */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final Drain out;
    private final Drain err;

    private ChildProcess(Process process) {
        this.process = process;
        this.out = new Drain(process.getInputStream(), "stdout of " + process.pid());
        this.err = new Drain(process.getErrorStream(), "stderr of " + process.pid());
    }

    /** Starts the process and its two drain threads; standard input is left open for {@link #stdin}. */
    static ChildProcess start(ProcessBuilder builder) throws IOException {
        return new ChildProcess(builder.start());
    }

    /** Writes the bytes to the process's standard input and closes it. */
    ChildProcess stdin(byte[] bytes) throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write(bytes);
        } catch (IOException e) {
            // A process that exits without reading its input closes the pipe; its output tells why.
            if (process.isAlive()) {
                throw e;
            }
        }
        return this;
    }

    /**
     * Waits until standard error has a match for the pattern and returns its first group.
     *
     * @throws AssertionError if the process exits, or the time passes, without printing a match
     */
    String awaitStderr(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean ended = !process.isAlive() && err.finished(); // read before the text, so no last line is missed
            Matcher found = pattern.matcher(err.text());
            if (found.find()) {
                return found.group(1);
            }
            if (ended) {
                throw new AssertionError("exited " + process.exitValue() + " without printing " + pattern + "; stderr: " + err.text());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("printed no " + pattern + " within " + timeout + "; stderr: " + err.text());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits for the process to exit and for both streams to be read to their end.
     *
     * @return the exit status
     * @throws AssertionError if it does not exit in time
     */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; stderr: " + err.text());
        }
        // The streams end when the process and any child holding them have closed them.
        out.join(timeout.toMillis());
        err.join(timeout.toMillis());
        if (out.isAlive() || err.isAlive()) {
            throw new AssertionError("exited, but its output did not end within " + timeout);
        }
        return process.exitValue();
    }

    byte[] stdout() {
        return out.bytes();
    }

    String stderr() {
        return err.text();
    }

    /** Kills the process (and its descendants) if it still runs. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Copies one stream into memory until it ends. */
    private static final class Drain extends Thread {
        private final InputStream stream;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private volatile boolean finished;

        Drain(InputStream stream, String name) {
            super(name);
            this.stream = stream;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (stream) {
                for (int read; (read = stream.read(chunk)) >= 0; ) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, read);
                    }
                }
            } catch (IOException closed) {
                // the process was killed; what was read stays readable
            } finally {
                finished = true;
            }
        }

        boolean finished() {
            return finished;
        }

        byte[] bytes() {
            synchronized (buffer) {
                return buffer.toByteArray();
            }
        }

        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }
}
