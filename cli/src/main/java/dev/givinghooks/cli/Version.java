package dev.givinghooks.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Supplies {@code --version}: the project version the jar was built from, and the Java runtime. */
final class Version implements IVersionProvider {

    /** Returns the project version, or {@code development} when run from unfiltered sources. */
    static String project() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty("version", "");
        return version.isEmpty() || version.startsWith("${") ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "givinghooks " + project(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
