package dev.tasktrail.testing.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings tables of {@code docs/operations.md}: one {@code ## <module>} section per service, holding rows
 * {@code | `VARIABLE` | default | meaning |}. The default cell is {@code required...}, {@code unset...} or starts
 * with the default in backticks.
 */
public final class OperationsDoc {

    /** A documented variable. */
    public record Row(String variable, String defaultCell, String meaning) {
    }

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Z0-9_*]+)`\\s*\\|([^|]*)\\|(.*)\\|\\s*$");
    private static final Pattern LEADING_CODE = Pattern.compile("^`([^`]*)`");

    private OperationsDoc() {
    }

    public static Path path(ServiceModule module) {
        return module.root().resolve("docs").resolve("operations.md");
    }

    /** The rows of the module's section, by variable name. */
    public static Map<String, Row> section(ServiceModule module) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path(module));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.substring(3).trim().equals(module.name());
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inSection && row.matches()) {
                rows.put(row.group(1), new Row(row.group(1), row.group(2).trim(), row.group(3).trim()));
            }
        }
        return rows;
    }

    /** The value in backticks a default cell starts with, if it does. */
    public static java.util.Optional<String> documentedDefault(Row row) {
        Matcher code = LEADING_CODE.matcher(row.defaultCell());
        return code.find() ? java.util.Optional.of(code.group(1)) : java.util.Optional.empty();
    }
}
