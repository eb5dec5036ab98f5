package dev.givinghooks.cli;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Builds a core verifier from command-line credentials and settings, for {@code verify},
 * {@code listen} and {@code demo}. Every configuration problem becomes a {@link UsageException}
 * whose message names the problem, never a value.
 */
final class Verifiers {
    private Verifiers() {
    }

    /**
     * What the options say about one provider's verifier.
     *
     * @param provider the provider
     * @param secrets SIR Giving and Chuffed secrets, in rotation order
     * @param keys The Giving Block keys (hex), paired with {@code ivs} by position
     * @param ivs The Giving Block IVs (hex)
     * @param keyMode SIR Giving's key mode, or {@code null} for the default
     * @param tolerance SIR window, TGB maximum age, Chuffed maximum age; {@code null} for the default
     * @param allowShortSecrets whether secrets under 16 bytes are accepted
     * @param maxBodyBytes the body limit, or {@code null} for the default
     */
    record Settings(Provider provider, List<String> secrets, List<String> keys, List<String> ivs, SirGiving.KeyMode keyMode,
            Duration tolerance, boolean allowShortSecrets, Integer maxBodyBytes) {

        /** Shows the provider and settings; never a credential. */
        @Override
        public String toString() {
            return "Settings[" + provider.id() + ", secrets=" + secrets.size() + ", keys=" + keys.size() + "]";
        }
    }

    /** Builds the verifier the settings describe, checking timestamps against {@code clock}. */
    static WebhookVerifier<?> build(Settings settings, Clock clock) {
        Provider provider = settings.provider();
        if (provider != Provider.SIR_GIVING && settings.keyMode() != null) {
            throw new UsageException("--key-mode applies to sir-giving only");
        }
        try {
            return switch (provider) {
                case SIR_GIVING -> {
                    CredentialOptions.secretsOnly(provider, settings.secrets(), settings.keys(), settings.ivs());
                    SirGiving.Builder builder = SirGiving.verifierBuilder().secrets(settings.secrets()).clock(clock);
                    if (settings.keyMode() != null) {
                        builder.keyMode(settings.keyMode());
                    }
                    if (settings.tolerance() != null) {
                        builder.tolerance(settings.tolerance());
                    }
                    if (settings.allowShortSecrets()) {
                        builder.allowInsecureShortSecrets();
                    }
                    if (settings.maxBodyBytes() != null) {
                        builder.maxBodyBytes(settings.maxBodyBytes());
                    }
                    yield builder.build();
                }
                case GIVING_BLOCK -> {
                    if (settings.allowShortSecrets()) {
                        throw new UsageException("--allow-insecure-short-secrets applies to sir-giving and chuffed only");
                    }
                    List<GivingBlockKey> pairs = CredentialOptions.keyPairs(settings.secrets(), settings.keys(), settings.ivs());
                    GivingBlock.Builder builder = GivingBlock.decryptorBuilder().keys(pairs).clock(clock);
                    if (settings.tolerance() != null) {
                        builder.maxAge(settings.tolerance());
                    }
                    if (settings.maxBodyBytes() != null) {
                        builder.maxBodyBytes(settings.maxBodyBytes());
                    }
                    yield builder.build();
                }
                case CHUFFED -> {
                    CredentialOptions.secretsOnly(provider, settings.secrets(), settings.keys(), settings.ivs());
                    Chuffed.Builder builder = Chuffed.verifierBuilder().secrets(settings.secrets()).clock(clock);
                    if (settings.tolerance() != null) {
                        builder.maxAge(settings.tolerance());
                    }
                    if (settings.allowShortSecrets()) {
                        builder.allowInsecureShortSecrets();
                    }
                    if (settings.maxBodyBytes() != null) {
                        builder.maxBodyBytes(settings.maxBodyBytes());
                    }
                    yield builder.build();
                }
            };
        } catch (IllegalArgumentException e) {
            // Core's configuration messages name the problem, never the value.
            throw new UsageException(e.getMessage());
        }
    }
}
