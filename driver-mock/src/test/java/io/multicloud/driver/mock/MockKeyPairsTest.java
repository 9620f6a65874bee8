package io.multicloud.driver.mock;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.KeyPair;
import io.multicloud.api.KeyPairRequest;
import io.multicloud.api.NotFoundException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockKeyPairsTest extends MockTestBase {

    @Test
    void creatingAKeyPairReturnsItsPrivateKeyOnceInOpenSshFormat() {
        KeyPair key = conn.keyPairs().create(KeyPairRequest.named("key-1"));
        assertThat(key.id()).startsWith("key-");
        assertThat(key.publicKey()).startsWith("ssh-ed25519 ");
        assertThat(key.fingerprint()).startsWith("SHA256:");
        assertThat(key.privateKeyOnce()).hasValueSatisfying(secret -> assertThat(secret.reveal())
                .startsWith("-----BEGIN OPENSSH PRIVATE KEY-----").endsWith("-----END OPENSSH PRIVATE KEY-----\n"));
    }

    @Test
    void thePrivateKeyIsAbsentFromListFindAndEveryToString() {
        KeyPair key = conn.keyPairs().create(KeyPairRequest.named("key-1"));
        String privateText = key.privateKey().reveal();
        String body = privateText.lines().skip(1).findFirst().orElseThrow();
        assertThat(key.toString()).doesNotContain(body);
        assertThat(conn.keyPairs().list()).singleElement().satisfies(k -> {
            assertThat(k.privateKey()).isNull();
            assertThat(k).isEqualTo(key.withoutPrivateKey());
        });
        assertThat(conn.keyPairs().find("key-1")).hasValueSatisfying(k -> assertThat(k.privateKeyOnce()).isEmpty());
    }

    @Test
    void thePrivateKeyMatchesThePublicKey() throws Exception {
        KeyPair key = conn.keyPairs().create(KeyPairRequest.named("key-1"));
        byte[] seed = seedOf(key.privateKey().reveal());
        byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)));
        signer.update(message);
        byte[] signature = signer.sign();

        byte[] blob = Base64.getDecoder().decode(key.publicKey().split(" ")[1]);
        byte[] raw = Arrays.copyOfRange(blob, blob.length - 32, blob.length);
        byte[] x509 = ByteBuffer.allocate(44).put(HexFormat.of().parseHex("302a300506032b6570032100")).put(raw).array();
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void importingAPublicKeyKeepsItAndComputesTheSameFingerprint() {
        KeyPair made = conn.keyPairs().create(KeyPairRequest.named("key-1"));
        KeyPair imported = conn.keyPairs().create(KeyPairRequest.named("key-2").publicKey(made.publicKey()));
        assertThat(imported.publicKey()).isEqualTo(made.publicKey());
        assertThat(imported.fingerprint()).isEqualTo(made.fingerprint());
        assertThat(imported.privateKeyOnce()).isEmpty();
    }

    @Test
    void aPublicKeyWhoseDataDoesNotMatchItsTypeIsInvalid() {
        String wrong = "ssh-rsa " + Base64.getEncoder().encodeToString(new byte[] {0, 0, 0, 11, 's', 's', 'h', '-', 'e', 'd',
                '2', '5', '5', '1', '9', 0, 0, 0, 1, 7});
        assertThatThrownBy(() -> conn.keyPairs().create(KeyPairRequest.named("key-1").publicKey(wrong)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("public key"));
        assertThat(conn.keyPairs().list()).isEmpty();
    }

    @Test
    void keyPairNamesAreUniqueAndDeletingAMissingOneIsNotFound() {
        conn.keyPairs().create(KeyPairRequest.named("key-1"));
        assertThatThrownBy(() -> conn.keyPairs().create(KeyPairRequest.named("key-1"))).isInstanceOf(AlreadyExistsException.class);
        conn.keyPairs().delete("key-1");
        assertThatThrownBy(() -> conn.keyPairs().delete("key-1")).isInstanceOf(NotFoundException.class);
    }

    /** The 32-byte seed inside an unencrypted openssh-key-v1 Ed25519 file. */
    private static byte[] seedOf(String pem) {
        String base64 = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
        byte[] magic = new byte[15];
        in.get(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("openssh-key-v1\0");
        assertThat(new String(string(in), StandardCharsets.US_ASCII)).isEqualTo("none");
        string(in);
        string(in);
        assertThat(in.getInt()).isEqualTo(1);
        string(in);
        ByteBuffer section = ByteBuffer.wrap(string(in));
        assertThat(section.getInt()).isEqualTo(section.getInt());
        assertThat(new String(string(section), StandardCharsets.US_ASCII)).isEqualTo("ssh-ed25519");
        string(section);
        return Arrays.copyOf(string(section), 32);
    }

    private static byte[] string(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }
}
