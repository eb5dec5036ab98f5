package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.RandomInputs;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AesCbc} unpads by hand (last block first); the JCA's {@code AES/CBC/PKCS5Padding} is the
 * reference it must agree with: the same plaintext for every valid padding, {@code null} exactly
 * where the JCA reports bad padding.
 */
class AesCbcTest {
    private static final byte[] KEY = bytes(32, 7);
    private static final byte[] IV = bytes(16, 91);

    static Stream<Long> seeds() {
        return RandomInputs.seeds(40);
    }

    @Test
    void everyPlaintextLengthRoundTripsThroughEveryPaddingLength() throws GeneralSecurityException {
        AesCbc aes = AesCbc.of(KEY, IV, null);
        for (int length = 0; length <= 80; length++) {
            byte[] plaintext = bytes(length, length);
            byte[] ciphertext = reference(Cipher.ENCRYPT_MODE).doFinal(plaintext);

            assertThat(aes.encrypt(plaintext)).isEqualTo(ciphertext);
            assertThat(aes.decrypt(ciphertext)).as("length %d", length).isEqualTo(plaintext);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomCiphertextsDecryptExactlyAsTheJcaDoes(long seed) throws GeneralSecurityException {
        SplittableRandom random = new SplittableRandom(seed);
        AesCbc aes = AesCbc.of(KEY, IV, null);
        int valid = 0;
        for (int i = 0; i < 500; i++) {
            byte[] ciphertext = ciphertext(random, aes);
            byte[] expected;
            try {
                // A fresh reference each time: after bad padding a JCA cipher must be re-initialised.
                expected = reference(Cipher.DECRYPT_MODE).doFinal(ciphertext);
                valid++;
            } catch (BadPaddingException e) {
                expected = null;
            }
            assertThat(aes.decrypt(ciphertext)).isEqualTo(expected);
        }
        assertThat(valid).as("ciphertexts with valid padding").isBetween(50, 450);
    }

    @Test
    void anotherProviderDecryptsTheSame() throws GeneralSecurityException {
        AesCbc jdk = AesCbc.of(KEY, IV, null);
        AesCbc bouncyCastle = AesCbc.of(KEY, IV, new BouncyCastleProvider());
        SplittableRandom random = new SplittableRandom(RandomInputs.BASE_SEED);
        for (int i = 0; i < 500; i++) {
            byte[] ciphertext = ciphertext(random, jdk);
            assertThat(bouncyCastle.decrypt(ciphertext)).isEqualTo(jdk.decrypt(ciphertext));
        }
    }

    @Test
    void ciphertextsThatAreNotWholeBlocksAreRefused() {
        AesCbc aes = AesCbc.of(KEY, IV, null);
        assertThat(aes.decrypt(new byte[0])).isNull();
        assertThat(aes.decrypt(new byte[15])).isNull();
        assertThat(aes.decrypt(new byte[33])).isNull();
    }

    /** Half real encryptions, some with a byte flipped; half random whole blocks. */
    private static byte[] ciphertext(SplittableRandom random, AesCbc aes) {
        if (random.nextBoolean()) {
            byte[] ciphertext = aes.encrypt(bytes(random.nextInt(0, 70), random.nextInt()));
            if (random.nextBoolean()) {
                ciphertext[random.nextInt(ciphertext.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return ciphertext;
        }
        byte[] ciphertext = new byte[16 * random.nextInt(1, 5)];
        random.nextBytes(ciphertext);
        return ciphertext;
    }

    private static Cipher reference(int mode) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(mode, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(IV));
        return cipher;
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }
}
