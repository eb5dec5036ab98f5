package dev.givinghooks.cli;

import static dev.givinghooks.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpAndVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "verify", "sign", "send", "listen", "demo"})
    void everyCommandHasHelpWithAnExample(String command) {
        String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
        Cli.Run result = run(args);

        assertThat(result.exit()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.out()).contains("Usage: givinghooks" + (command.isEmpty() ? "" : " " + command))
                .containsPattern("Examples?:\\n")
                .contains("givinghooks " + (command.isEmpty() ? "sign" : command));
        result.out().lines().forEach(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "sign", "send", "listen", "demo"})
    void topLevelHelpListsTheCommands(String command) {
        assertThat(run("--help").out()).containsPattern("\\n  " + command + " ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionNamesTheToolAndItsVersion(String option) {
        Cli.Run result = run(option);

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("givinghooks ").doesNotContain("${");
        assertThat(result.out().lines().findFirst().orElseThrow()).matches("givinghooks \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
