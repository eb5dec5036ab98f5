package dev.givinghooks.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code givinghooks}: the top-level command, which wires the subcommands, the streams and the
 * exit statuses (0 done or verified, 1 rejected, 2 usage or configuration error, 3 failure).
 */
@Command(name = "givinghooks", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "Usage: ", descriptionHeading = "%n", commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "Verifies, decrypts, signs, sends and receives the webhooks of SIR Giving,",
            "The Giving Block and Chuffed."
        },
        footer = {
            "",
            "Exit status: 0 done (verified), 1 rejected (or a demo mismatch), 2 usage or",
            "configuration error, 3 unexpected failure.",
            "",
            "Example:",
            "  givinghooks sign --provider chuffed --secret \"$CHUFFED_SECRET\" \\",
            "      --body-file donation.json",
            "  givinghooks demo"
        })
final class Givinghooks implements Callable<Integer> {
    /*
     * Output discipline: a command's result goes to standard output as bytes (one JSON line, or
     * the raw request for sign --format http); everything for a person (usage errors, help for a
     * wrong invocation) goes to standard error. No message ever echoes a secret, key or IV: core
     * names problems without values, and command-line errors show option names, not arguments,
     * because a mistyped option can turn a secret into an "unexpected argument".
     */

    @Spec
    CommandSpec spec;

    private Givinghooks() {
    }

    /**
     * Runs one command line against the given streams and returns its exit status.
     *
     * @param io the streams to read and write
     * @param args the arguments, without the program name
     * @return the exit status
     */
    static int execute(StdStreams io, String... args) {
        return commandLine(io, Clock.systemUTC(), System::getenv).execute(args);
    }

    /**
     * Builds the command line with every subcommand, handler and converter.
     *
     * @param io the streams
     * @param clock the clock sign and send timestamp with
     * @param environment the environment variables listen and send read credentials from
     */
    static CommandLine commandLine(StdStreams io, Clock clock, Function<String, String> environment) {
        CommandLine commandLine = new CommandLine(new Givinghooks())
                .addSubcommand(new VerifyCommand(io))
                .addSubcommand(new SignCommand(io, clock))
                .addSubcommand(new SendCommand(io, clock, environment))
                .addSubcommand(new ListenCommand(io, environment))
                .addSubcommand(new DemoCommand(io));
        Options.registerConverters(commandLine);
        commandLine.setOut(writer(io.out()));
        commandLine.setErr(writer(io.err()));
        commandLine.setParameterExceptionHandler(Givinghooks::usageError);
        commandLine.setExecutionExceptionHandler(Givinghooks::executionError);
        return commandLine;
    }

    /** Without a subcommand there is nothing to do: show the usage on standard error. */
    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("givinghooks: a command is required");
        commandLine.usage(commandLine.getErr());
        return ExitCodes.USAGE;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        err.println(name + ": " + describe(e));
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The error without argument values: only option-like arguments are named. */
    private static String describe(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched)) {
            return e.getMessage();
        }
        List<String> named = new ArrayList<>();
        int unnamed = 0;
        List<String> arguments = unmatched.getUnmatched();
        boolean topLevel = unmatched.getCommandLine().getParent() == null;
        if (topLevel && !arguments.isEmpty() && arguments.get(0).matches("[a-z][a-z-]{0,19}")) {
            return "unknown command '" + arguments.get(0) + "'"
                    + (unmatched.getSuggestions().isEmpty() ? "" : "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?");
        }
        for (String argument : arguments) {
            String option = argument.split("=", 2)[0];
            if (option.startsWith("-") && option.length() <= 40 && option.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
                named.add("'" + option + "'");
            } else {
                unnamed++;
            }
        }
        StringBuilder message = new StringBuilder();
        if (!named.isEmpty()) {
            message.append(named.size() == 1 ? "unknown option " : "unknown options ").append(String.join(", ", named));
        }
        if (unnamed > 0) {
            message.append(message.length() > 0 ? "; and " : "").append(unnamed)
                    .append(unnamed == 1 ? " unexpected argument (not shown)" : " unexpected arguments (not shown)");
        }
        List<String> suggestions = unmatched.getSuggestions();
        if (!named.isEmpty() && !suggestions.isEmpty()) {
            message.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
        }
        return message.toString();
    }

    private static int executionError(Exception e, CommandLine command, ParseResult parsed) {
        String name = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        if (e instanceof UsageException) {
            err.println(name + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        err.println(name + ": unexpected failure: " + e);
        err.flush();
        return ExitCodes.FAILURE;
    }
}
