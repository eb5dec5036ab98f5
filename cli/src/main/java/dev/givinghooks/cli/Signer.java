package dev.givinghooks.cli;

import dev.givinghooks.Provider;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs (SIR Giving, Chuffed) or encrypts (The Giving Block) a body the way the provider
 * delivers it, for {@code sign} and {@code send}. Messages name options, never their values.
 */
final class Signer {
    /** The envelope type used when neither {@code --event-type} nor the plaintext names one. */
    static final String DEFAULT_GIVING_BLOCK_TYPE = "DEPOSIT_TRANSACTION";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private Signer() {
    }

    /**
     * The credentials and choices of one signing.
     *
     * @param provider the provider
     * @param secrets exactly one secret for SIR Giving and Chuffed
     * @param keys exactly one key for The Giving Block
     * @param ivs exactly one IV for The Giving Block
     * @param keyMode SIR Giving's key mode, or {@code null} for whole
     * @param timestamp SIR Giving's unix seconds, or {@code null} for the clock's
     * @param eventType The Giving Block's envelope type, or {@code null} for the plaintext's own
     */
    record Settings(Provider provider, List<String> secrets, List<String> keys, List<String> ivs, SirGiving.KeyMode keyMode,
            String timestamp, String eventType) {

        /** Shows the provider; never a credential. */
        @Override
        public String toString() {
            return "Settings[" + provider.id() + "]";
        }
    }

    /**
     * A delivery's headers (in order, {@code Content-Type} first) and body.
     *
     * @param headers names to values
     * @param body the exact delivery body (for The Giving Block, the encrypted envelope)
     */
    record Signed(Map<String, String> headers, byte[] body) {
    }

    /**
     * Signs or encrypts {@code body}.
     *
     * @throws UsageException when the options do not suit the provider or a credential is unusable
     */
    static Signed sign(Settings settings, byte[] body, Clock clock) {
        Provider provider = settings.provider();
        if (provider != Provider.SIR_GIVING && settings.keyMode() != null) {
            throw new UsageException("--key-mode applies to sir-giving only");
        }
        if (provider != Provider.SIR_GIVING && settings.timestamp() != null) {
            throw new UsageException("--timestamp applies to sir-giving only: "
                    + (provider == Provider.GIVING_BLOCK ? "The Giving Block's time is the payload's eventTimestamp"
                            : "Chuffed sends no timestamp"));
        }
        if (provider != Provider.GIVING_BLOCK && settings.eventType() != null) {
            throw new UsageException("--event-type applies to giving-block only: "
                    + (provider == Provider.SIR_GIVING ? "SIR Giving's type is inside the signed body" : "Chuffed sends none"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        try {
            switch (provider) {
                case SIR_GIVING -> {
                    CredentialOptions.secretsOnly(provider, settings.secrets(), settings.keys(), settings.ivs());
                    String seconds = settings.timestamp() == null ? Long.toString(clock.instant().getEpochSecond())
                            : checkedTimestamp(settings.timestamp());
                    SirGiving.KeyMode mode = settings.keyMode() == null ? SirGiving.KeyMode.WHOLE : settings.keyMode();
                    headers.put("User-Agent", "SIRGiving-Webhooks/1.0");
                    headers.put(SirGiving.TIMESTAMP_HEADER, seconds);
                    headers.put(SirGiving.SIGNATURE_HEADER, SirGiving.sign(oneSecret(settings), mode, seconds, body));
                    return new Signed(headers, body);
                }
                case GIVING_BLOCK -> {
                    List<GivingBlockKey> pairs = CredentialOptions.keyPairs(settings.secrets(), settings.keys(), settings.ivs());
                    if (pairs.size() > 1) {
                        throw new UsageException("signing takes one --key and one --iv");
                    }
                    String type = settings.eventType() != null ? settings.eventType() : ownEventType(body);
                    return new Signed(headers, GivingBlock.envelope(type, pairs.get(0), body));
                }
                case CHUFFED -> {
                    CredentialOptions.secretsOnly(provider, settings.secrets(), settings.keys(), settings.ivs());
                    headers.put(Chuffed.SIGNATURE_HEADER, Chuffed.sign(oneSecret(settings), body));
                    return new Signed(headers, body);
                }
                default -> throw new IllegalStateException("unknown provider " + provider);
            }
        } catch (IllegalArgumentException e) {
            // Core's messages name the problem (blank secret, secret unfit for the key mode), never the value.
            throw new UsageException(e.getMessage());
        }
    }

    private static String oneSecret(Settings settings) {
        if (settings.secrets().size() != 1) {
            throw new UsageException("signing takes exactly one --secret");
        }
        return settings.secrets().get(0);
    }

    private static String checkedTimestamp(String seconds) {
        if (seconds.isEmpty() || seconds.length() > MAX_TIMESTAMP_DIGITS || !seconds.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UsageException("--timestamp must be unix seconds: 1 to " + MAX_TIMESTAMP_DIGITS + " decimal digits");
        }
        return seconds;
    }

    /** The plaintext's own string {@code eventType}, as a merchant status event carries, else the default. */
    private static String ownEventType(byte[] plaintext) {
        try {
            JsonNode type = JSON.readTree(plaintext).get("eventType");
            return type != null && type.isString() && !type.stringValue().isEmpty() ? type.stringValue() : DEFAULT_GIVING_BLOCK_TYPE;
        } catch (JacksonException e) {
            return DEFAULT_GIVING_BLOCK_TYPE;
        }
    }
}
