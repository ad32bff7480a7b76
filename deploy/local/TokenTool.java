import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Local-auth helper of deploy/local/run.sh (SPEC §9), runnable with only a JDK: {@code java TokenTool.java ...}.
 *
 * <pre>
 *   keygen DIR                                   RSA key pair: DIR/private.pk8.b64, DIR/public.x509.b64 (once)
 *   mint DIR ISSUER AUDIENCE EMAIL TTL_SECONDS   an RS256 ID token for a verified Google-like viewer
 * </pre>
 */
public class TokenTool {

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("keygen")) {
            keygen(Path.of(args[1]));
        } else if (args.length == 6 && args[0].equals("mint")) {
            System.out.println(mint(Path.of(args[1]), args[2], args[3], args[4], Long.parseLong(args[5])));
        } else {
            System.err.println("usage: TokenTool keygen DIR | mint DIR ISSUER AUDIENCE EMAIL TTL_SECONDS");
            System.exit(2);
        }
    }

    private static void keygen(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Base64.Encoder base64 = Base64.getEncoder();
        Files.writeString(dir.resolve("private.pk8.b64"), base64.encodeToString(pair.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("public.x509.b64"), base64.encodeToString(pair.getPublic().getEncoded()));
    }

    private static String mint(Path dir, String issuer, String audience, String email, long ttlSeconds)
            throws Exception {
        byte[] der = Base64.getDecoder().decode(Files.readString(dir.resolve("private.pk8.b64")).trim());
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = String.format(
                "{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"local-%s\",\"email\":\"%s\",\"email_verified\":true,"
                        + "\"iat\":%d,\"exp\":%d}",
                issuer, audience, email.replaceAll("[^A-Za-z0-9]", "-"), email, now, now + ttlSeconds);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + url.encodeToString(signature.sign());
    }
}
