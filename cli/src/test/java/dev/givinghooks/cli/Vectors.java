package dev.givinghooks.cli;

/** Published and computed test vectors, each from shared/PROVIDERS.md. */
final class Vectors {
    private Vectors() {
    }

    /** PROVIDERS.md §4: {@code H}, the 64-hex-digit secret material of the computed vectors. */
    static final String H = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /** PROVIDERS.md §4, SIR webhook vector: the secret {@code whsec_} + H. */
    static final String SIR_SECRET = "whsec_" + H;
    /** PROVIDERS.md §4, SIR webhook vector: the timestamp. */
    static final String SIR_TIMESTAMP = "1746876000";
    /** PROVIDERS.md §4, SIR webhook vector: the body. */
    static final String SIR_BODY = "{\"id\":\"evt_abc123\",\"type\":\"action.completed\",\"createdAt\":\"2026-05-10T09:12:00Z\","
            + "\"data\":{\"actionId\":\"act_1\",\"tokensDistributed\":50}}";
    /** PROVIDERS.md §4, SIR webhook vector: key mode whole (the default). */
    static final String SIR_SIGNATURE_WHOLE = "sha256=d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8f";
    /** PROVIDERS.md §4, SIR webhook vector: key mode hex-suffix. */
    static final String SIR_SIGNATURE_HEX_SUFFIX = "sha256=bfca0a70ca11d2665da4359be3d80497d60302f289cc7463f2df5d31fd009a78";
    /** PROVIDERS.md §4, SIR webhook vector: key mode utf8-suffix. */
    static final String SIR_SIGNATURE_UTF8_SUFFIX = "sha256=585e81582c1fa418f5beedd2a9de537516107a4db826fe66200d4a7f8119d684";
    /** The instant of {@link #SIR_TIMESTAMP}. */
    static final String SIR_NOW = "2025-05-10T11:20:00Z";

    /** PROVIDERS.md §2.2, The Giving Block's official "Payload decryption" vector: the key. */
    static final String TGB_KEY = "ae97bfa25b4abcbb7d8722fc5c60747bf7687ec22d1463174f0176ad6daa96ec";
    /** PROVIDERS.md §2.2, official vector: the IV. */
    static final String TGB_IV = "9663f5821170b172c51ecdd86677132f";
    /** PROVIDERS.md §2.2, official vector: the ciphertext. */
    static final String TGB_CIPHERTEXT = "87afbab0f01b956c445b00d3ab1ecf09abf18e1d1ab980641a035ec801deff07d7b708d5f2747469b86ce6216358cb695df8c7d005265aab66f678d36f01af333f6f8715569c39adabf2688cdaabac3825a0ea2b588f7e083fcf62736a3064d395bed377254302f6279ec0550f117f63c971cc9320674f535694a27fc1f034cee57433c00fbec7cdd5d2daa5b12abfd96039715c98e8e8bca401011278c5c0d3ed30f710b11a1a9b8c67773eb34f0b050acbf97b32445e5bcc32399319bd947c42d1f9ba6051f9e998dfe2c61486af0e8584529d94fc3afda941557c58725aa9c7af03577446c6d6ff2e0894cef125c0e2366a3a96f11db5a4961ee92c8262b86836f6f8debf71c80e6b36a1bfd43cff72f144560258780f8bd97100e4e4b7cb9ef45d7b61133c3b197a2e12787e439ff197e2b567a3e178b9ff7155e2663989606cdc630dd835651ad18ab88f9494efc76a74e51ff01127ac4d83b3dd6f56cea34488ff8df204d470602a40cc970f5b1cfcf6c741abe20df05b392db817903191b6fc1a1b798cc369c5a76d151cbeaa";
    /** PROVIDERS.md §2.2, official vector: the exact 387-byte plaintext. */
    static final String TGB_PLAINTEXT = "{\"id\":\"6a82de8c-d7ae-4db5-972b-588808d5f111\",\"type\":\"Deposit\",\"status\":\"Complete\","
            + "\"timestampms\":\"1640774872000\",\"eid\":\"123456789\","
            + "\"transactionHash\":\"0ccb68148928602274f94d1119bb5b3ac705e5b567396b948e4eb4cb12ee358996\",\"currency\":\"ETH\","
            + "\"amount\":1.35,\"organizationId\":1234567,\"eventTimestamp\":1640778972000,"
            + "\"pledgeId\":\"e4a096e9-07e4-4a34-9e52-fff72fd27260\",\"valueAtDonationTimeUSD\":4159.42}";
    /** PROVIDERS.md §2.2, official vector: SHA-256 of the plaintext. */
    static final String TGB_PLAINTEXT_SHA256 = "638cd29891f1f693faca9f8e8776f50a37b34e6129e7760dede1fb9dd75f3c91";
    /** The vector's envelope, as a delivery carries it. */
    static final String TGB_BODY = "{\"eventType\":\"DEPOSIT_TRANSACTION\",\"payload\":\"" + TGB_CIPHERTEXT + "\"}";
    /** Shortly after the vector's eventTimestamp (2021-12-29T11:56:12Z): inside the 1-hour window. */
    static final String TGB_NOW = "2021-12-29T12:00:00Z";

    /** PROVIDERS.md §4, Chuffed vector: the secret. */
    static final String CHUFFED_SECRET = "my super cool secret";
    /** PROVIDERS.md §4, Chuffed vector: the body (an HMAC vector, not a documented payload). */
    static final String CHUFFED_BODY = "{\"event\":\"donation.created\",\"data\":{\"id\":1}}";
    /** PROVIDERS.md §4, Chuffed vector: the signature. */
    static final String CHUFFED_SIGNATURE = "73e203677d09490124b4c7193f414f8094ca90adeee4ca1542b4fafa1cad77dc";
}
