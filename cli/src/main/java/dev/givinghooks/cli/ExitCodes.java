package dev.givinghooks.cli;

/** The exit statuses of every command; tools that call the CLI depend on them. */
final class ExitCodes {
    /** Verified, signed, or the command did what it was asked. */
    static final int OK = 0;
    /** The delivery was rejected; for send, the receiver did not answer 2xx; for demo, a case came out otherwise. */
    static final int REJECTED = 1;
    /** A usage or configuration error: bad option, short secret, bad hex, unreadable file. */
    static final int USAGE = 2;
    /** Anything unexpected: a bug, an I/O failure on the standard streams, or a URL send cannot reach. */
    static final int FAILURE = 3;

    private ExitCodes() {
    }
}
