package dev.givinghooks.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a webhook body byte-exact from a file or standard input, never decoding it. */
final class Bodies {
    /**
     * Largest body read: well above any verifier's limit (1 MiB by default), so an oversized
     * delivery still reaches the verifier and is refused with its real size.
     */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private Bodies() {
    }

    /**
     * Returns the bytes of {@code file}, or of {@code stdin} when no file is given.
     *
     * @throws UsageException if the file cannot be read or the body is over {@link #MAX_BYTES}
     */
    static byte[] read(Path file, InputStream stdin) {
        if (file == null) {
            try {
                return bounded(stdin.readNBytes(MAX_BYTES + 1), "standard input");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read standard input", e);
            }
        }
        try {
            if (Files.isDirectory(file)) {
                throw new UsageException("--body-file " + file + " is a directory");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new UsageException("--body-file " + file + " is larger than " + MAX_BYTES + " bytes");
            }
            return bounded(Files.readAllBytes(file), "--body-file " + file);
        } catch (NoSuchFileException e) {
            throw new UsageException("--body-file " + file + " does not exist");
        } catch (IOException e) {
            throw new UsageException("cannot read --body-file " + file + ": " + e.getMessage());
        }
    }

    private static byte[] bounded(byte[] body, String source) {
        if (body.length > MAX_BYTES) {
            throw new UsageException(source + " holds more than " + MAX_BYTES + " bytes");
        }
        return body;
    }
}
