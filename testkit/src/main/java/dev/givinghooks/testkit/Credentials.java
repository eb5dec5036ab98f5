package dev.givinghooks.testkit;

import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.testkit.internal.Ledger;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The secrets and keys of a {@link Testkit}, derived from its seed: per provider a current and a
 * previous credential (the verifiers accept both, in that order, as during a rotation) and one
 * that no verifier accepts.
 *
 * <p>Immutable and safe to share between threads. Its {@code toString()} shows no value.
 *
 * @param sirGivingSecrets SIR Giving secrets, {@code whsec_} and 64 hex digits: current, previous
 * @param sirGivingWrongSecret a well-formed SIR Giving secret that is not configured
 * @param chuffedSecrets Chuffed secrets: current, previous
 * @param chuffedWrongSecret a Chuffed secret that is not configured
 * @param givingBlockKeys The Giving Block key/IV pairs as hex: current, previous
 * @param givingBlockWrongKey a key/IV pair that is not configured
 */
public record Credentials(List<String> sirGivingSecrets, String sirGivingWrongSecret, List<String> chuffedSecrets,
        String chuffedWrongSecret, List<KeyPair> givingBlockKeys, KeyPair givingBlockWrongKey) {

    /**
     * A The Giving Block encryption key and IV, as the hex text the provider issues.
     *
     * @param keyHex 64 hex digits
     * @param ivHex 32 hex digits
     */
    public record KeyPair(String keyHex, String ivHex) {
        /**
         * Keeps the values (and notes them for this repository's secret scan).
         *
         * @param keyHex 64 hex digits
         * @param ivHex 32 hex digits
         */
        public KeyPair {
            Ledger.secret("The Giving Block key", keyHex);
            Ledger.secret("The Giving Block IV", ivHex);
        }

        /**
         * Returns the pair as core's key value.
         *
         * @return the key
         */
        public GivingBlockKey toKey() {
            return GivingBlockKey.of(keyHex, ivHex);
        }

        /** Says nothing about the values. */
        @Override
        public String toString() {
            return "KeyPair[redacted]";
        }
    }

    /**
     * Copies the lists.
     *
     * @param sirGivingSecrets SIR Giving secrets
     * @param sirGivingWrongSecret an unconfigured SIR Giving secret
     * @param chuffedSecrets Chuffed secrets
     * @param chuffedWrongSecret an unconfigured Chuffed secret
     * @param givingBlockKeys The Giving Block key pairs
     * @param givingBlockWrongKey an unconfigured key pair
     */
    public Credentials {
        sirGivingSecrets = List.copyOf(sirGivingSecrets);
        chuffedSecrets = List.copyOf(chuffedSecrets);
        givingBlockKeys = List.copyOf(givingBlockKeys);
        sirGivingSecrets.forEach(secret -> Ledger.secret("SIR Giving secret", secret));
        Ledger.secret("SIR Giving secret", sirGivingWrongSecret);
        chuffedSecrets.forEach(secret -> Ledger.secret("Chuffed secret", secret));
        Ledger.secret("Chuffed secret", chuffedWrongSecret);
    }

    /**
     * Derives credentials from a random generator: the same sequence gives the same credentials.
     *
     * @param random the generator
     * @return fresh credentials
     */
    public static Credentials random(RandomGenerator random) {
        return new Credentials(
                List.of(sirSecret(random), sirSecret(random)), sirSecret(random),
                List.of(chuffedSecret(random), chuffedSecret(random)), chuffedSecret(random),
                List.of(keyPair(random), keyPair(random)), keyPair(random));
    }

    static String sirSecret(RandomGenerator random) {
        String secret = "whsec_" + hex(random, 32);
        Ledger.secret("SIR Giving secret", secret);
        return secret;
    }

    static String chuffedSecret(RandomGenerator random) {
        String secret = "chuffed-" + hex(random, 12);
        Ledger.secret("Chuffed secret", secret);
        return secret;
    }

    static KeyPair keyPair(RandomGenerator random) {
        return new KeyPair(hex(random, 32), hex(random, 16));
    }

    static String hex(RandomGenerator random, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    /** Says nothing about the values. */
    @Override
    public String toString() {
        return "Credentials[redacted]";
    }
}
