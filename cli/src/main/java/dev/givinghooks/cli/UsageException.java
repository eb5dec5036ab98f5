package dev.givinghooks.cli;

/**
 * A usage or configuration error found while a command runs (a missing secret, bad hex, an
 * unreadable body file). The command line prints its message on standard error and exits with
 * {@link ExitCodes#USAGE}. Messages name the problem and never contain a secret, key or IV.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
