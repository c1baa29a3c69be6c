package io.seatwarden.state;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where the engine's state lives: a JDBC URL (embedded H2 file by default, PostgreSQL for a
 * cluster) and optional credentials. The password never appears in {@link #toString()} or in
 * {@link #redactedUrl()}, which are what logs and error messages use.
 *
 * @param user empty to use the URL's own (or the driver's default)
 * @param password empty to use the URL's own (or none)
 */
public record StateConfig(String url, Optional<String> user, Optional<String> password) {
    /**
     * An H2 file under the working directory, opened in-process only: no AUTO_SERVER, so nothing
     * listens on the network; processes take turns with the file ({@link StateStores}) and its
     * directory and files are readable by their owner only ({@code StateFiles}).
     */
    public static final String DEFAULT_URL = "jdbc:h2:file:./.seatwarden/state";
    public static final String URL_VARIABLE = "SEATWARDEN_STATE_URL";
    public static final String USER_VARIABLE = "SEATWARDEN_STATE_USER";
    public static final String PASSWORD_VARIABLE = "SEATWARDEN_STATE_PASSWORD";

    /** The databases the state can live in. */
    public enum Kind {
        H2,
        POSTGRESQL
    }

    public StateConfig {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        kindOf(url);
    }

    /** The embedded default, {@value #DEFAULT_URL}. */
    public static StateConfig defaults() {
        return new StateConfig(DEFAULT_URL, Optional.empty(), Optional.empty());
    }

    /** An embedded H2 database in {@code file} (H2 adds {@code .mv.db}), which processes take turns with. */
    public static StateConfig h2File(Path file) {
        return new StateConfig("jdbc:h2:file:" + file.toAbsolutePath(), Optional.empty(), Optional.empty());
    }

    /**
     * The configuration a command uses: {@code --state-url} when given, else the environment
     * variable {@value #URL_VARIABLE}, else {@link #DEFAULT_URL}; user and password from
     * {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE} when set (otherwise the URL's own).
     *
     * @throws IllegalArgumentException when the URL is neither H2 nor PostgreSQL
     */
    public static StateConfig fromEnvironment(Optional<String> stateUrl, Map<String, String> environment) {
        String url = stateUrl.filter(value -> !value.isBlank())
                .or(() -> nonBlank(environment.get(URL_VARIABLE)))
                .orElse(DEFAULT_URL);
        return new StateConfig(url, nonBlank(environment.get(USER_VARIABLE)),
                Optional.ofNullable(environment.get(PASSWORD_VARIABLE)).filter(value -> !value.isEmpty()));
    }

    public Kind kind() {
        return kindOf(url);
    }

    public String driverClassName() {
        return switch (kind()) {
            case H2 -> "org.h2.Driver";
            case POSTGRESQL -> "org.postgresql.Driver";
        };
    }

    /** The URL with any password in it masked, for logs and messages. */
    public String redactedUrl() {
        String masked = url.replaceAll("(?i)(password=)[^&;]*", "$1***");
        // jdbc:postgresql://user:secret@host/db is not supported by pgjdbc, but mask it in case someone tries.
        return masked.replaceAll("(//[^/@:]+:)[^/@]*@", "$1***@");
    }

    @Override
    public String toString() {
        return "StateConfig[url=" + redactedUrl() + ", user=" + user.orElse("(default)")
                + ", password=" + (password.isPresent() ? "***" : "(none)") + "]";
    }

    private static Kind kindOf(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return Kind.H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported state database URL '" + redact(url)
                + "': use jdbc:postgresql://HOST:PORT/DATABASE or jdbc:h2:file:PATH");
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }
}
