package dev.givinghooks.testkit.contract;

import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.sirgiving.SirGivingEvent;
import dev.givinghooks.spi.IdempotencyStore;
import java.util.Objects;

/**
 * What an adapter under contract test must be configured with: one verifier per provider, the
 * idempotency store, the body size limit and the application it hands verified deliveries to.
 *
 * <p>The verifiers run on a fixed clock that matches the fixtures, so an adapter must use these
 * instances (not build its own). Immutable; the components themselves are thread-safe.
 *
 * @param sirGiving the SIR Giving verifier
 * @param givingBlock The Giving Block decryptor
 * @param chuffed the Chuffed verifier
 * @param store the idempotency store the adapter claims verified deliveries in
 * @param maxBodyBytes the body limit the adapter enforces before and while reading (413 above it)
 * @param application what the adapter calls for each delivery it lets through
 * @param failOpen whether the adapter processes a delivery the store could not claim (without
 *        deduplication) instead of refusing it with 503
 */
public record AdapterSetup(WebhookVerifier<SirGivingEvent> sirGiving, WebhookVerifier<GivingBlockEvent> givingBlock,
        WebhookVerifier<ChuffedEvent> chuffed, IdempotencyStore store, int maxBodyBytes, Application application, boolean failOpen) {

    /**
     * Checks the setup.
     *
     * @param sirGiving the SIR Giving verifier
     * @param givingBlock The Giving Block decryptor
     * @param chuffed the Chuffed verifier
     * @param store the idempotency store
     * @param maxBodyBytes a positive body limit
     * @param application the application
     * @param failOpen whether to fail open when the store cannot answer
     */
    public AdapterSetup {
        Objects.requireNonNull(sirGiving, "sirGiving");
        Objects.requireNonNull(givingBlock, "givingBlock");
        Objects.requireNonNull(chuffed, "chuffed");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(application, "application");
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    /**
     * Returns a setup that fails closed: a delivery the store could not claim is refused with 503.
     *
     * @param sirGiving the SIR Giving verifier
     * @param givingBlock The Giving Block decryptor
     * @param chuffed the Chuffed verifier
     * @param store the idempotency store
     * @param maxBodyBytes a positive body limit
     * @param application the application
     */
    public AdapterSetup(WebhookVerifier<SirGivingEvent> sirGiving, WebhookVerifier<GivingBlockEvent> givingBlock,
            WebhookVerifier<ChuffedEvent> chuffed, IdempotencyStore store, int maxBodyBytes, Application application) {
        this(sirGiving, givingBlock, chuffed, store, maxBodyBytes, application, false);
    }

    /**
     * Returns this setup with another store and failure mode, as a second instance of a receiver
     * sharing a store would have.
     *
     * @param store the idempotency store
     * @param failOpen whether to fail open when the store cannot answer
     * @return the setup
     */
    public AdapterSetup with(IdempotencyStore store, boolean failOpen) {
        return new AdapterSetup(sirGiving, givingBlock, chuffed, store, maxBodyBytes, application, failOpen);
    }
}
