package dev.tasktrail.publisher.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The accepted API keys, compared in constant time: a presented key is hashed and compared with every key's hash
 * with {@link MessageDigest#isEqual}, so neither the position of the first differing byte nor a key's length nor
 * which key matched shows in the timing. Only hashes are kept, and {@link #toString()} reveals nothing.
 */
public final class ApiKeys {

    private final List<byte[]> keyHashes;

    public ApiKeys(List<String> keys) {
        this.keyHashes = keys.stream().map(ApiKeys::sha256).toList();
    }

    public boolean isEmpty() {
        return keyHashes.isEmpty();
    }

    public int size() {
        return keyHashes.size();
    }

    public boolean accepts(String presented) {
        byte[] presentedHash = sha256(presented);
        boolean accepted = false;
        for (byte[] keyHash : keyHashes) {
            accepted |= MessageDigest.isEqual(keyHash, presentedHash);
        }
        return accepted;
    }

    @Override
    public String toString() {
        return "ApiKeys[" + keyHashes.size() + " keys]";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
