package dev.givinghooks.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The standard streams a command reads and writes: the process's own, or a test's.
 *
 * @param in where a body is read from when no file is given (read as bytes, never decoded)
 * @param out where results go; JSON results are written as UTF-8 bytes
 * @param err where usage and configuration errors go
 */
record StdStreams(InputStream in, PrintStream out, PrintStream err) {

    /** Returns the process's standard streams. */
    static StdStreams system() {
        return new StdStreams(System.in, System.out, System.err);
    }
}
