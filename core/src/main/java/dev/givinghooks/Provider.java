package dev.givinghooks;

/**
 * A donation platform whose webhooks this library verifies.
 *
 * <p>Each constant carries the short identifier used in idempotency keys, CLI options, problem
 * responses and URLs ({@code sir-giving}, {@code giving-block}, {@code chuffed}).
 */
public enum Provider {
    /** SIR Giving: HMAC-SHA256 over timestamp and body. */
    SIR_GIVING("sir-giving"),
    /** The Giving Block: AES-256-CBC encrypted payload with the timestamp inside. */
    GIVING_BLOCK("giving-block"),
    /** Chuffed: HMAC-SHA256 over the body. */
    CHUFFED("chuffed");

    private final String id;

    Provider(String id) {
        this.id = id;
    }

    /**
     * Returns the short identifier, such as {@code sir-giving}.
     *
     * @return the identifier, never {@code null}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the provider with the given short identifier.
     *
     * @param id an identifier such as {@code giving-block}
     * @return the provider
     * @throws IllegalArgumentException if no provider has that identifier
     */
    public static Provider fromId(String id) {
        for (Provider provider : values()) {
            if (provider.id.equals(id)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + id + "', expected one of sir-giving, giving-block, chuffed");
    }
}
