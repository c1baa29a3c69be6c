package io.seatwarden.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import static java.util.Objects.requireNonNull;

/**
 * One versioned schema change, from a file {@code V<version>__<description>.sql}.
 *
 * @param checksum CRC-32 of the text (line endings normalised): an applied migration must not change
 */
public record Migration(int version, String description, String fileName, String sql, long checksum) {
    /** Where the bundled migrations live on the class path. */
    public static final String DIRECTORY = "seatwarden/db/migration/";
    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");

    public Migration {
        requireNonNull(description, "description is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(sql, "sql is null");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    /** Parses a migration file's name and text. */
    public static Migration of(String fileName, String text) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("migration file '" + fileName + "' is not named V<version>__<description>.sql");
        }
        String normalised = text.replace("\r\n", "\n");
        CRC32 crc = new CRC32();
        crc.update(normalised.getBytes(StandardCharsets.UTF_8));
        return new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2).replace('_', ' '), fileName, normalised,
                crc.getValue());
    }

    /**
     * The migrations that ship with the engine, in the order {@code migrations.txt} lists them
     * (an index, because a jar's directories cannot be listed portably), which is rising version order.
     */
    public static List<Migration> bundled() {
        List<Migration> migrations = new ArrayList<>();
        for (String line : resource("migrations.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                migrations.add(of(name, resource(name)));
            }
        }
        // Versions rise; a gap is allowed because numbers are reserved ahead for work that lands in any order.
        for (int index = 1; index < migrations.size(); index++) {
            if (migrations.get(index).version() <= migrations.get(index - 1).version()) {
                throw new IllegalStateException("migration " + migrations.get(index).fileName() + " must come after version "
                        + migrations.get(index - 1).version());
            }
        }
        return List.copyOf(migrations);
    }

    /** The statements: split at a ';' ending a line, with {@code --} comment lines dropped. */
    public List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException("migration " + fileName + " ends without ';'");
        }
        return List.copyOf(statements);
    }

    private static String resource(String name) {
        try (InputStream input = Migration.class.getClassLoader().getResourceAsStream(DIRECTORY + name)) {
            if (input == null) {
                throw new IllegalStateException("missing resource " + DIRECTORY + name);
            }
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIRECTORY + name, e);
        }
    }
}
