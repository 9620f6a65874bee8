package io.multicloud.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

class SshKeysTest {

    @Test
    void theKeyIsAnOpenSshEd25519KeyWithItsCommentAndFingerprint() {
        SshKeys.Generated key = SshKeys.generate("multicloud-key-a");
        assertThat(key.publicKey()).matches("ssh-ed25519 [A-Za-z0-9+/=]+ multicloud-key-a");
        assertThat(key.fingerprint()).startsWith("SHA256:").isEqualTo(SshKeys.fingerprintOf(key.publicKey()));
        assertThat(key.privateKey().reveal()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n")
                .endsWith("\n-----END OPENSSH PRIVATE KEY-----\n");
    }

    @Test
    void twoKeysDiffer() {
        assertThat(SshKeys.generate("a").publicKey().split(" ")[1]).isNotEqualTo(SshKeys.generate("a").publicKey().split(" ")[1]);
    }

    @Test
    void whatThePrivateKeySignsThePublicKeyVerifiesAcrossImplementations() throws Exception {
        SshKeys.Generated key = SshKeys.generate("c");
        PrivateFile file = PrivateFile.parse(key.privateKey().reveal());
        byte[] publicFromText = rawPublicKey(key.publicKey());
        assertThat(file.publicKey()).as("the public key inside the private file").isEqualTo(publicFromText);

        // The JDK signs with the seed; Bouncy Castle verifies with the public key: the halves belong together.
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, file.seed())));
        byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
        signer.update(message);
        byte[] signature = signer.sign();
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicFromText, 0));
        verifier.update(message, 0, message.length);
        assertThat(verifier.verifySignature(signature)).isTrue();
    }

    private static byte[] rawPublicKey(String openSsh) {
        ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(openSsh.split(" ")[1]));
        string(blob); // the type
        return string(blob);
    }

    private static byte[] string(ByteBuffer in) {
        byte[] out = new byte[in.getInt()];
        in.get(out);
        return out;
    }

    /** The fields of an unencrypted openssh-key-v1 file that the test needs. */
    private record PrivateFile(byte[] publicKey, byte[] seed) {
        static PrivateFile parse(String text) {
            String base64 = text.replace("-----BEGIN OPENSSH PRIVATE KEY-----", "").replace("-----END OPENSSH PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
            byte[] magic = new byte[15];
            in.get(magic);
            assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("openssh-key-v1\0");
            assertThat(new String(string(in), StandardCharsets.US_ASCII)).isEqualTo("none");
            assertThat(new String(string(in), StandardCharsets.US_ASCII)).isEqualTo("none");
            string(in);
            assertThat(in.getInt()).isEqualTo(1);
            string(in);
            ByteBuffer section = ByteBuffer.wrap(string(in));
            assertThat(section.getInt()).as("check words").isEqualTo(section.getInt());
            assertThat(new String(string(section), StandardCharsets.US_ASCII)).isEqualTo("ssh-ed25519");
            byte[] pub = string(section);
            byte[] secret = string(section);
            assertThat(Arrays.copyOfRange(secret, 32, 64)).isEqualTo(pub);
            return new PrivateFile(pub, Arrays.copyOfRange(secret, 0, 32));
        }
    }
}
