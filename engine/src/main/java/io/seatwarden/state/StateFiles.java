package io.seatwarden.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The files of an embedded H2 state database, readable by their owner only: the ownership rows
 * decide which licenses the engine may remove, so another local user must not read or forge them.
 * The directory is created {@code 0700} and the database files {@code 0600}, with the mode given at
 * creation and set again afterwards (so a permissive umask cannot widen it); H2's later files (trace,
 * temporary files) land inside the owner-only directory and are tightened after opening. On a file
 * system without POSIX permissions the owner-only ACL is used; with neither, a warning says so.
 *
 * <p>An existing directory is tightened only when it is the engine's own ({@value #DEFAULT_DIRECTORY})
 * or was created here: a state file put in a shared directory keeps that directory's mode.
 */
final class StateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(StateFiles.class);
    static final String DEFAULT_DIRECTORY = ".seatwarden";
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    /** What H2 names its files: {@code NAME.mv.db}, {@code NAME.trace.db}, {@code NAME.*.temp.db}, ... */
    private static final List<String> PRE_CREATED = List.of(".mv.db", ".trace.db");

    private final Path database;

    private StateFiles(Path database) {
        this.database = requireNonNull(database, "database is null").toAbsolutePath().normalize();
    }

    /** The files of an embedded H2 file URL ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}); empty for anything else. */
    static Optional<StateFiles> of(StateConfig config) {
        if (config.kind() != StateConfig.Kind.H2) {
            return Optional.empty();
        }
        String rest = config.url().substring("jdbc:h2:".length());
        int options = rest.indexOf(';');
        String path = options < 0 ? rest : rest.substring(0, options);
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            path = path.substring("file:".length());
        } else if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:") || lower.startsWith("zip:")
                || lower.matches("^[a-z]{2,}:.*")) {
            return Optional.empty();
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(new StateFiles(Path.of(path)));
    }

    /** The database as H2 names it (without {@code .mv.db}). */
    Path database() {
        return database;
    }

    Path directory() {
        return database.getParent();
    }

    /** Creates the directory and the database files owner-only, before H2 creates them with the umask's mode. */
    void prepare() {
        Path directory = directory();
        try {
            boolean created = !Files.isDirectory(directory);
            if (created) {
                Files.createDirectories(directory, attributes(directory.getParent(), OWNER_DIRECTORY));
            }
            if (created || directory.getFileName().toString().equals(DEFAULT_DIRECTORY)) {
                ownerOnly(directory, true);
            } else if (posix(directory) && !Files.getPosixFilePermissions(directory).stream().allMatch(OWNER_DIRECTORY::contains)) {
                LOG.warn("The state directory {} is open to other users; the state files in it are made owner-only ({})",
                        directory, PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
            }
            for (String suffix : PRE_CREATED) {
                Path file = directory.resolve(database.getFileName() + suffix);
                if (!Files.exists(file)) {
                    try {
                        Files.createFile(file, attributes(directory, OWNER_FILE));
                    } catch (FileAlreadyExistsException e) {
                        // another process created it at the same moment: it is tightened below
                    }
                }
            }
            tighten();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + directory + " readable by its owner only", e);
        }
    }

    /** Makes every file of the database owner-only (H2 creates some of them later, with the umask's mode). */
    void tighten() {
        String prefix = database.getFileName() + ".";
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : (Iterable<Path>) files.filter(file -> file.getFileName().toString().startsWith(prefix))::iterator) {
                if (Files.isRegularFile(file)) {
                    ownerOnly(file, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the state files in " + directory() + " readable by their owner only", e);
        }
    }

    private static void ownerOnly(Path path, boolean directory) throws IOException {
        if (posix(path)) {
            Files.setPosixFilePermissions(path, directory ? OWNER_DIRECTORY : OWNER_FILE);
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl != null) {
            UserPrincipal owner = Files.getOwner(path);
            acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
            return;
        }
        LOG.warn("The file system of {} has neither POSIX permissions nor ACLs: the state cannot be made readable by its"
                + " owner only; keep it in a directory only you can read, or in PostgreSQL", path);
    }

    private static boolean posix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    }

    /** The owner-only mode as a creation attribute, where the file system has POSIX permissions. */
    private static FileAttribute<?>[] attributes(Path where, Set<PosixFilePermission> mode) {
        return posix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }
}
