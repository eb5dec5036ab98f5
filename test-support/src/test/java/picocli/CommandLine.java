package picocli;

/** Stands in for picocli's parser in the secret scan's test: it probes an argument as a number, as picocli does. */
public final class CommandLine {
    private CommandLine() {
    }

    /**
     * Tries the argument as a number and drops the failure.
     *
     * @param argument the argument
     * @return whether it is a number
     */
    public static boolean probe(String argument) {
        try {
            Integer.parseInt(argument);
            return true;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
