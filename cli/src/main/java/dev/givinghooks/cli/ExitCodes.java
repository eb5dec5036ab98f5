package dev.givinghooks.cli;

/** The exit statuses of every command; tools that call the CLI depend on them. */
final class ExitCodes {
    /** Verified, signed, or the command did what it was asked. */
    static final int OK = 0;
    /** The delivery was rejected (or, for the demo, an outcome was not the expected one). */
    static final int REJECTED = 1;
    /** A usage or configuration error: bad option, short secret, bad hex, unreadable file. */
    static final int USAGE = 2;
    /** Anything unexpected: a bug, or an I/O failure on the standard streams. */
    static final int FAILURE = 3;

    private ExitCodes() {
    }
}
