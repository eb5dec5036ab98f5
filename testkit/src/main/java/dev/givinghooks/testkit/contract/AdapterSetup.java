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
 */
public record AdapterSetup(WebhookVerifier<SirGivingEvent> sirGiving, WebhookVerifier<GivingBlockEvent> givingBlock,
        WebhookVerifier<ChuffedEvent> chuffed, IdempotencyStore store, int maxBodyBytes, Application application) {

    /**
     * Checks the setup.
     *
     * @param sirGiving the SIR Giving verifier
     * @param givingBlock The Giving Block decryptor
     * @param chuffed the Chuffed verifier
     * @param store the idempotency store
     * @param maxBodyBytes a positive body limit
     * @param application the application
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
}
