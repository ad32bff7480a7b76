package dev.tasktrail.publisher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The curl examples of a Markdown page that are marked for checking, in page order. A marker is an HTML comment
 * (invisible on the rendered page) right before a fenced block:
 * <ul>
 *   <li>{@code <!-- checked by PublishingDocIT: 202 -->} before a {@code bash} block: run it, expect status 202;</li>
 *   <li>{@code <!-- checked by PublishingDocIT: 503, with Redis stopped -->}: the same, while Redis is down;</li>
 *   <li>{@code <!-- checked by PublishingDocIT: 202, the request above again -->} before an output block: run
 *       the previous example's command again and expect that output.</li>
 * </ul>
 * The output a command must print is the {@code json} or {@code text} block right after it, if any.
 */
final class CurlExamples {

    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```$");
    private static final Pattern MARKER = Pattern.compile(
            "<!-- checked by PublishingDocIT: (\\d{3})(?:, (with Redis stopped|the request above again))? -->");

    /**
     * @param line where the example's marker is, for failure messages
     * @param output what the command prints ({@code json}, or {@code text} for {@code curl -i}); empty: not shown
     */
    record Example(int line, String command, int status, boolean redisStopped, Optional<Block> output) {
    }

    record Block(int start, int end, String language, String text) {
    }

    private final String page;
    private final List<Block> blocks = new ArrayList<>();

    private CurlExamples(String page) {
        this.page = page;
        Matcher fence = FENCE.matcher(page);
        while (fence.find()) {
            blocks.add(new Block(fence.start(), fence.end(), fence.group(1), fence.group(2)));
        }
    }

    static CurlExamples read(Path markdown) throws IOException {
        return new CurlExamples(Files.readString(markdown));
    }

    /** The marked examples in page order. */
    List<Example> examples() {
        List<Example> examples = new ArrayList<>();
        Matcher marker = MARKER.matcher(page);
        while (marker.find()) {
            int line = lineOf(marker.start());
            Block block = blockRightAfter(marker.end())
                    .orElseThrow(() -> new IllegalStateException("line " + line + ": no fenced block right after the marker"));
            int status = Integer.parseInt(marker.group(1));
            if ("the request above again".equals(marker.group(2))) {
                if (examples.isEmpty()) {
                    throw new IllegalStateException("line " + line + ": no request above to repeat");
                }
                examples.add(new Example(line, examples.get(examples.size() - 1).command(), status, false,
                        Optional.of(block)));
            } else {
                if (!block.language().equals("bash")) {
                    throw new IllegalStateException("line " + line + ": the marked block is not ```bash");
                }
                Optional<Block> output = blockRightAfter(block.end())
                        .filter(next -> next.language().equals("json") || next.language().equals("text"));
                examples.add(new Example(line, block.text(), status, "with Redis stopped".equals(marker.group(2)), output));
            }
        }
        return examples;
    }

    /** The lines of {@code bash} blocks that run curl without a marker: examples nobody checks. */
    List<Integer> unmarkedCurlBlocks() {
        List<Block> marked = MARKER.matcher(page).results()
                .flatMap(marker -> blockRightAfter(marker.end()).stream())
                .toList();
        return blocks.stream()
                .filter(block -> block.language().equals("bash") && block.text().contains("curl "))
                .filter(block -> !marked.contains(block))
                .map(block -> lineOf(block.start()))
                .toList();
    }

    /** The fenced block that starts at {@code offset}, with only white space before it. */
    private Optional<Block> blockRightAfter(int offset) {
        return blocks.stream()
                .filter(block -> block.start() >= offset)
                .findFirst()
                .filter(block -> page.substring(offset, block.start()).isBlank());
    }

    private int lineOf(int offset) {
        return (int) page.substring(0, offset).lines().count() + 1;
    }
}
