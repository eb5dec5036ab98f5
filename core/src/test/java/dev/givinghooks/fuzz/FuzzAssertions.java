package dev.givinghooks.fuzz;

import dev.givinghooks.WebhookRejectedException;

/** What every fuzz test asserts: the operation returns, or throws our one exception, and nothing else. */
final class FuzzAssertions {
    private FuzzAssertions() {
    }

    /** Runs the operation; a WebhookRejectedException is an accepted outcome, anything else fails the test. */
    static WebhookRejectedException onlyRejections(Runnable operation) {
        try {
            operation.run();
            return null;
        } catch (WebhookRejectedException e) {
            if (e.getMessage() == null || e.detail().isEmpty()) {
                throw new AssertionError("rejection without a detail: " + e.reason());
            }
            return e;
        }
    }
}
