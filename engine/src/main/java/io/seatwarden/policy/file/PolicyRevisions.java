package io.seatwarden.policy.file;

import io.seatwarden.policy.PolicyRevision;
import io.seatwarden.policy.PolicySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The {@link PolicyRevision} of a policy directory: the hash of its policy files and the commit of
 * the git work tree it is in. The commit is read from the repository's files ({@code .git/HEAD},
 * the ref it names, {@code packed-refs}; a linked work tree's {@code .git} file too), so no {@code git}
 * program is needed; anything unexpected means "not in a git work tree".
 */
public final class PolicyRevisions {
    private static final int MAX_REF_DEPTH = 5;

    private PolicyRevisions() {}

    /**
     * The revision of the policy files under {@code directory} (listed as {@link PolicyFiles#load} lists
     * them); empty when they cannot be read (a report then goes without it: the load says what is wrong).
     */
    public static Optional<PolicyRevision> of(Path directory) {
        try {
            List<String> files = PolicyDirectory.list(directory).files();
            MessageDigest digest = sha256();
            for (String relative : files) {
                update(digest, relative, Files.readAllBytes(directory.resolve(relative)));
            }
            return Optional.of(PolicyRevision.of(gitCommit(directory), HexFormat.of().formatHex(digest.digest())));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The revision of the copy of {@code policies/} bundled in the jar ({@code --demo}); no git commit. */
    public static PolicyRevision ofBundled(PolicyFiles files) {
        try {
            MessageDigest digest = sha256();
            for (PolicySource source : files.bundledSources()) {
                update(digest, source.name().substring(("classpath:" + PolicyFiles.BUNDLED_FOLDER).length()),
                        source.text().getBytes(StandardCharsets.UTF_8));
            }
            return PolicyRevision.of(Optional.empty(), HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled policies", e);
        }
    }

    /** Path, NUL, length, NUL, bytes: no two different sets of files hash alike by running into each other. */
    private static void update(MessageDigest digest, String relative, byte[] bytes) {
        digest.update(relative.replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) 0);
        digest.update(bytes);
    }

    /** The {@code HEAD} commit of the git work tree holding {@code directory}, if it is in one. */
    public static Optional<String> gitCommit(Path directory) {
        try {
            for (Path at = directory.toAbsolutePath().normalize(); at != null; at = at.getParent()) {
                Path dotGit = at.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return headCommit(dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    // A linked work tree (git worktree add) or a submodule: "gitdir: PATH".
                    String line = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                    return line.startsWith("gitdir:") ? headCommit(at.resolve(line.substring("gitdir:".length()).trim()).normalize())
                            : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> headCommit(Path gitDirectory) throws IOException {
        Path common = gitDirectory;
        Path commonFile = gitDirectory.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            common = gitDirectory.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).trim()).normalize();
        }
        String head = Files.readString(gitDirectory.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        for (int depth = 0; depth < MAX_REF_DEPTH; depth++) {
            if (!head.startsWith("ref:")) {
                return isCommit(head) ? Optional.of(head) : Optional.empty();
            }
            String ref = head.substring("ref:".length()).trim();
            Optional<String> value = readRef(gitDirectory, common, ref);
            if (value.isEmpty()) {
                return Optional.empty(); // an unborn branch: no commit yet
            }
            head = value.get();
        }
        return Optional.empty();
    }

    private static Optional<String> readRef(Path gitDirectory, Path common, String ref) throws IOException {
        if (ref.contains("..")) {
            return Optional.empty();
        }
        for (Path base : List.of(gitDirectory, common)) {
            Path file = base.resolve(ref);
            if (Files.isRegularFile(file)) {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (!line.startsWith("#") && !line.startsWith("^") && space > 0 && line.substring(space + 1).trim().equals(ref)) {
                    return Optional.of(line.substring(0, space));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isCommit(String text) {
        return text.matches("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
