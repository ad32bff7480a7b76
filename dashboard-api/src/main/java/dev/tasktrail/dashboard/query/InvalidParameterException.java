package dev.tasktrail.dashboard.query;

/**
 * A query parameter the dashboard cannot accept; answered 400 {@code {"error":"invalid_parameter",
 * "parameter":...,"message":...}} (SPEC §5). Raised before any response byte, so it also works for streams.
 */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
