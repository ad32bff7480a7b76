package dev.tasktrail.service.projects;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One place the projects config document can be read from. */
public interface ProjectsConfigSource {

    /** Where, for logs and health, e.g. {@code s3://bucket/key} or {@code file /etc/tasktrail/projects.json}. */
    String description();

    /**
     * The document's text, read afresh on every call.
     *
     * @throws IOException or a runtime exception of the client when it cannot be read
     */
    String read() throws IOException;

    /** A local file, read as UTF-8. */
    static ProjectsConfigSource file(Path path) {
        return new ProjectsConfigSource() {
            @Override
            public String description() {
                return "file " + path;
            }

            @Override
            public String read() throws IOException {
                return Files.readString(path, StandardCharsets.UTF_8);
            }
        };
    }
}
