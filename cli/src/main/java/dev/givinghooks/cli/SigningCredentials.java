package dev.givinghooks.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The credential options of the commands that sign ({@code sign}, {@code send}): a picocli mixin. */
final class SigningCredentials {
    @Option(names = "--secret", paramLabel = "S", description = "The webhook secret (SIR Giving, Chuffed).")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--key", paramLabel = "HEX", description = "The Giving Block encryption key, 64 hex digits.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--iv", paramLabel = "HEX", description = "The Giving Block IV, 32 hex digits.")
    List<String> ivs = new ArrayList<>();
}
