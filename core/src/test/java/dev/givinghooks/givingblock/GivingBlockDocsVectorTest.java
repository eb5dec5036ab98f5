package dev.givinghooks.givingblock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.TestSupport.Crypto;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official vector of The Giving Block API docs ("Payload decryption"), as recorded in
 * PROVIDERS.md §2.2, under the JDK's crypto and under BouncyCastle.
 */
class GivingBlockDocsVectorTest {
    // The Giving Block API docs, "Payload decryption": the encryption key (64 hex digits).
    static final String KEY = "ae97bfa25b4abcbb7d8722fc5c60747bf7687ec22d1463174f0176ad6daa96ec";
    // Same section: the static IV (32 hex digits).
    static final String IV = "9663f5821170b172c51ecdd86677132f";
    // Same section: the hex ciphertext of the example deposit payload.
    static final String CIPHERTEXT = "87afbab0f01b956c445b00d3ab1ecf09abf18e1d1ab980641a035ec801deff07d7b708d5f2747469b86ce6216358cb695df8c7d005265aab66f678d36f01af333f6f8715569c39adabf2688cdaabac3825a0ea2b588f7e083fcf62736a3064d395bed377254302f6279ec0550f117f63c971cc9320674f535694a27fc1f034cee57433c00fbec7cdd5d2daa5b12abfd96039715c98e8e8bca401011278c5c0d3ed30f710b11a1a9b8c67773eb34f0b050acbf97b32445e5bcc32399319bd947c42d1f9ba6051f9e998dfe2c61486af0e8584529d94fc3afda941557c58725aa9c7af03577446c6d6ff2e0894cef125c0e2366a3a96f11db5a4961ee92c8262b86836f6f8debf71c80e6b36a1bfd43cff72f144560258780f8bd97100e4e4b7cb9ef45d7b61133c3b197a2e12787e439ff197e2b567a3e178b9ff7155e2663989606cdc630dd835651ad18ab88f9494efc76a74e51ff01127ac4d83b3dd6f56cea34488ff8df204d470602a40cc970f5b1cfcf6c741abe20df05b392db817903191b6fc1a1b798cc369c5a76d151cbeaa";
    // Same section: the plaintext it decrypts to (387 bytes, compact UTF-8 JSON).
    static final String PLAINTEXT = "{\"id\":\"6a82de8c-d7ae-4db5-972b-588808d5f111\",\"type\":\"Deposit\",\"status\":\"Complete\",\"timestampms\":\"1640774872000\",\"eid\":\"123456789\",\"transactionHash\":\"0ccb68148928602274f94d1119bb5b3ac705e5b567396b948e4eb4cb12ee358996\",\"currency\":\"ETH\",\"amount\":1.35,\"organizationId\":1234567,\"eventTimestamp\":1640778972000,\"pledgeId\":\"e4a096e9-07e4-4a34-9e52-fff72fd27260\",\"valueAtDonationTimeUSD\":4159.42}";
    // PROVIDERS.md §2.2: the SHA-256 of those 387 bytes, checked by running the vector.
    static final String PLAINTEXT_SHA256 = "638cd29891f1f693faca9f8e8776f50a37b34e6129e7760dede1fb9dd75f3c91";
    // The plaintext's eventTimestamp, 1640778972000 ms.
    static final Instant EVENT_TIME = Instant.parse("2021-12-29T11:56:12Z");

    /** The delivery as The Giving Block posts it: the envelope around the documented ciphertext. */
    static byte[] envelope(String eventType, String payloadHex) {
        return ("{\"eventType\":\"" + eventType + "\",\"payload\":\"" + payloadHex + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static GivingBlock.Builder builder(Crypto crypto) {
        GivingBlock.Builder builder = GivingBlock.decryptorBuilder().keys(GivingBlockKey.of(KEY, IV));
        return crypto.provider() == null ? builder : builder.cryptoProvider(crypto.provider());
    }

    @ParameterizedTest
    @EnumSource(Crypto.class)
    void decryptsToTheDocumentedPlaintextWithAFixedClock(Crypto crypto) throws Exception {
        WebhookVerifier<GivingBlockEvent> decryptor = builder(crypto).clock(TestSupport.fixedAt(EVENT_TIME)).build();

        Verified<GivingBlockEvent> verified = decryptor.verify(TestSupport.request(envelope("DEPOSIT_TRANSACTION", CIPHERTEXT)));

        byte[] plaintext = verified.body();
        assertThat(plaintext).hasSize(387);
        assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plaintext))).isEqualTo(PLAINTEXT_SHA256);
        assertThat(verified.keyIndex()).isZero();
        assertThat(verified.event().type()).isEqualTo("DEPOSIT_TRANSACTION");
        assertThat(verified.idempotencyKey()).isEqualTo("giving-block:" + PLAINTEXT_SHA256);
    }

    @ParameterizedTest
    @EnumSource(Crypto.class)
    void uppercaseCiphertextDecryptsToo(Crypto crypto) {
        WebhookVerifier<GivingBlockEvent> decryptor = builder(crypto).clock(TestSupport.fixedAt(EVENT_TIME)).build();

        Verified<GivingBlockEvent> verified = decryptor.verify(TestSupport.request(envelope("DEPOSIT_TRANSACTION", CIPHERTEXT.toUpperCase())));

        assertThat(new String(verified.body(), StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
    }

    @ParameterizedTest
    @EnumSource(Crypto.class)
    void isTooOldOnTheSystemClock(Crypto crypto) {
        WebhookVerifier<GivingBlockEvent> decryptor = builder(crypto).build();

        assertThatThrownBy(() -> decryptor.verify(TestSupport.request(envelope("DEPOSIT_TRANSACTION", CIPHERTEXT))))
                .isInstanceOfSatisfying(WebhookRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_TOO_OLD));
    }

    @ParameterizedTest
    @EnumSource(Crypto.class)
    void encryptingTheDocumentedPlaintextGivesTheDocumentedCiphertext(Crypto crypto) {
        // encrypt() always uses the JDK; the decryptor under test uses the parameter's provider.
        String encrypted = GivingBlock.encrypt(GivingBlockKey.of(KEY, IV), PLAINTEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(encrypted).isEqualTo(CIPHERTEXT);

        WebhookVerifier<GivingBlockEvent> decryptor = builder(crypto).clock(TestSupport.fixedAt(EVENT_TIME)).build();
        byte[] body = GivingBlock.envelope("DEPOSIT_TRANSACTION", GivingBlockKey.of(KEY, IV), PLAINTEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(decryptor.verify(TestSupport.request(body)).body()).asString(StandardCharsets.UTF_8).isEqualTo(PLAINTEXT);
    }
}
