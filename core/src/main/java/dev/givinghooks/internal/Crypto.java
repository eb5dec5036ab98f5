package dev.givinghooks.internal;

import java.security.GeneralSecurityException;

/**
 * The one place where JCA's checked exceptions become ours. JCA look-ups happen when a key is
 * configured (and when a pool runs dry), never once per request.
 */
final class Crypto {
    private Crypto() {
    }

    interface Operation<T> {
        T run() throws GeneralSecurityException;
    }

    static <T> T jca(Operation<T> operation) {
        try {
            return operation.run();
        } catch (GeneralSecurityException e) {
            // The message names the failure's type only: JCA messages may quote key lengths or more.
            throw new IllegalStateException("crypto provider cannot serve this operation: " + e.getClass().getSimpleName(), e);
        }
    }
}
