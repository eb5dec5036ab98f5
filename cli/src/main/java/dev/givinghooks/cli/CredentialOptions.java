package dev.givinghooks.cli;

import dev.givinghooks.Provider;
import dev.givinghooks.givingblock.GivingBlockKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the credential options suit the provider and decodes The Giving Block pairs.
 * Every message names the option and never its value.
 */
final class CredentialOptions {
    private CredentialOptions() {
    }

    /** SIR Giving and Chuffed take {@code --secret} and no {@code --key}/{@code --iv}. */
    static void secretsOnly(Provider provider, List<String> secrets, List<String> keys, List<String> ivs) {
        if (!keys.isEmpty() || !ivs.isEmpty()) {
            throw new UsageException("--key and --iv apply to giving-block; " + provider.id() + " takes --secret");
        }
        if (secrets.isEmpty()) {
            throw new UsageException(provider.id() + " needs --secret");
        }
    }

    /**
     * The Giving Block takes {@code --key} and {@code --iv} in pairs, in order, and no
     * {@code --secret}.
     */
    static List<GivingBlockKey> keyPairs(List<String> secrets, List<String> keys, List<String> ivs) {
        if (!secrets.isEmpty()) {
            throw new UsageException("--secret does not apply to giving-block; it takes --key and --iv");
        }
        if (keys.isEmpty() || ivs.isEmpty()) {
            throw new UsageException("giving-block needs --key and --iv");
        }
        if (keys.size() != ivs.size()) {
            throw new UsageException("giving-block takes --key and --iv in pairs: " + keys.size() + " --key and "
                    + ivs.size() + " --iv given");
        }
        List<GivingBlockKey> pairs = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            try {
                pairs.add(GivingBlockKey.of(keys.get(i), ivs.get(i)));
            } catch (IllegalArgumentException e) {
                // GivingBlockKey names which value is wrong, never the value itself.
                throw new UsageException(keys.size() == 1 ? e.getMessage() : "pair #" + (i + 1) + ": " + e.getMessage());
            }
        }
        return pairs;
    }
}
