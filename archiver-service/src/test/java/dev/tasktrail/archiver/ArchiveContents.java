package dev.tasktrail.archiver;

import dev.tasktrail.testing.s3.S3ProxyServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The archive as a reader sees it through the S3 API: every object under a prefix, split into its lines. */
public final class ArchiveContents {

    private ArchiveContents() {
    }

    /** Object key → lines (without their newline), in key order. */
    public static Map<String, List<String>> read(S3ProxyServer s3, String bucket, String prefix) {
        Map<String, List<String>> objects = new LinkedHashMap<>();
        for (String key : s3.listKeys(bucket, prefix)) {
            String content = s3.getObject(bucket, key).orElseThrow();
            if (!content.endsWith("\n")) {
                throw new AssertionError(key + " does not end with a newline");
            }
            objects.put(key, List.of(content.substring(0, content.length() - 1).split("\n", -1)));
        }
        return objects;
    }

    /** Every line of every object under {@code prefix}. */
    public static List<String> lines(S3ProxyServer s3, String bucket, String prefix) {
        List<String> lines = new ArrayList<>();
        read(s3, bucket, prefix).values().forEach(lines::addAll);
        return lines;
    }
}
