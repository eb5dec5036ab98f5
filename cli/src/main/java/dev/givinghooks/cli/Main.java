package dev.givinghooks.cli;

/**
 * The {@code givinghooks} command-line tool: {@code java -jar givinghooks-cli.jar --help}.
 *
 * <p>The command-line contract (commands, options, the one-line JSON results and the exit
 * statuses) is stable: other tools depend on it.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits with its status: 0 done or verified, 1 rejected, 2 usage or
     * configuration error, 3 unexpected failure.
     *
     * @param args the arguments, such as {@code verify --provider chuffed --secret ...}
     */
    public static void main(String[] args) {
        System.exit(Givinghooks.execute(StdStreams.system(), args));
    }
}
