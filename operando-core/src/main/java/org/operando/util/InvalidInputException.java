package org.operando.util;

/**
 * Bad input from the user: a file, dataset path, parameter or option that is not what was expected.
 * The command line maps it to exit code 2 and prints the message as one line, so the message must name
 * the offending file, dataset path or option and say what was expected.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws when {@code condition} is false. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidInputException(message);
        }
    }
}
