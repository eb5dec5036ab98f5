package dev.givinghooks.testsupport.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import jdk.jfr.Recording;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Records, for {@link SecretScan}, what a test JVM produces: everything written to
 * {@code System.out} and {@code System.err} (every log line, since the tests' loggers write
 * there), teed into {@code output-<pid>.log}, and the message of every exception and error thrown
 * in the JVM, caught or not, through a Flight Recorder recording of {@code jdk.JavaExceptionThrow}
 * and {@code jdk.JavaErrorThrow}, dumped to {@code exceptions-<pid>.jfr}
 * whenever a launcher session closes.
 *
 * <p>Registered as a JUnit Platform service; does nothing unless the system property
 * {@code givinghooks.secret-scan.dir} names the directory, as the build's surefire
 * configuration does.
 */
public final class SecretScanSession implements LauncherSessionListener {
    private static Recording recording;
    private static Path exceptions;
    private static OutputStream output;

    /** Created by the JUnit Platform. */
    public SecretScanSession() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String directory = System.getProperty(SecretScan.DIRECTORY_PROPERTY);
        if (directory != null && !directory.isBlank()) {
            start(Path.of(directory));
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        save();
    }

    /** Starts recording once per JVM, however many sessions the test runner opens. */
    private static synchronized void start(Path directory) {
        if (recording != null) {
            return;
        }
        try {
            Files.createDirectories(directory);
            long pid = ProcessHandle.current().pid();
            output = Files.newOutputStream(directory.resolve("output-" + pid + ".log"), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            System.setOut(new PrintStream(new Tee(System.out, output), true));
            System.setErr(new PrintStream(new Tee(System.err, output), true));
            exceptions = directory.resolve("exceptions-" + pid + ".jfr");
            recording = new Recording();
            recording.setName("givinghooks secret scan");
            recording.enable("jdk.JavaExceptionThrow").withStackTrace(); // the stack tells picocli's probes apart
            recording.enable("jdk.JavaErrorThrow").withStackTrace();
            recording.setToDisk(true);
            recording.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record for the secret scan in " + directory, e);
        }
    }

    /** Writes out everything recorded so far (again, in full, at each session's end). */
    private static synchronized void save() {
        if (recording == null) {
            return;
        }
        try {
            System.out.flush();
            System.err.flush();
            recording.dump(exceptions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the secret scan's recording to " + exceptions, e);
        }
    }

    /** Writes to the original stream and to the scan's file. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;
        private final OutputStream copy;

        Tee(OutputStream original, OutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            original.write(bytes, offset, length);
            synchronized (copy) {
                copy.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
