package dev.givinghooks.givingblock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The Giving Block event {@value #TYPE}: a crypto donation was converted, and what the nonprofit
 * receives after fees is known. Immutable and thread-safe.
 *
 * <p>The payload carries the deposit fields, read as a {@link DepositTransaction} (whose
 * {@code type()} names the deposit event, not this one), plus the conversion fields below, each
 * {@code null} when absent (PROVIDERS.md §2.4). Worked example from the provider's
 * documentation: 1 BTC at 50,000 USD with a 2 % fee gives a {@code valueAtDonationTimeUSD} of
 * 50000 and a {@code netValueAmount} of 49000.
 *
 * @param deposit the deposit fields of the payload, including {@code eventTimestamp},
 *        {@code valueAtDonationTimeUSD} and {@code payoutAmount}
 * @param netValueAmount {@code netValueAmount}: what the nonprofit receives after fees, in
 *        {@code netValueCurrency}
 * @param netValueCurrency {@code netValueCurrency}: such as {@code USD}
 * @param grossAmount {@code grossAmount}: the amount before fees, computed during conversion
 * @param convertedAt {@code convertedAt}: when the conversion happened (epoch milliseconds as a
 *        number or string; an ISO-8601 date-time is accepted too)
 */
public record TransactionConverted(
        DepositTransaction deposit,
        BigDecimal netValueAmount,
        String netValueCurrency,
        BigDecimal grossAmount,
        Instant convertedAt) implements GivingBlockEvent {

    /** The envelope's {@code eventType} of this event. */
    public static final String TYPE = "TRANSACTION_CONVERTED";

    /**
     * Checks the required component.
     *
     * @throws NullPointerException if {@code deposit} is {@code null}
     */
    public TransactionConverted {
        Objects.requireNonNull(deposit, "deposit");
    }

    /** @return {@value #TYPE} */
    @Override
    public String type() {
        return TYPE;
    }
}
