package io.seatwarden.policy.file;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The policy files under a directory: every {@code *.yaml} and {@code *.yml}, recursively, following
 * symbolic links (a Kubernetes ConfigMap mount links each file through {@code ..data}), skipping
 * anything whose name starts with a dot.
 *
 * <p>Nothing that looks like a policy file is skipped silently: a dangling or looping link, a directory
 * named {@code x.yaml}, a policy file that is not a regular file or cannot be read, and a directory
 * that cannot be listed or loops are each a problem naming the path — a broken mount must not drop a
 * policy unnoticed.
 *
 * @param files    paths relative to the directory, with {@code /} separators, sorted
 * @param problems path relative to the directory (empty for the directory itself) to what is wrong with it
 */
record PolicyDirectory(List<String> files, Map<String, String> problems) {
    PolicyDirectory {
        files = List.copyOf(files);
        problems = new TreeMap<>(problems);
    }

    static PolicyDirectory list(Path directory) throws IOException {
        List<String> files = new ArrayList<>();
        Map<String, String> problems = new TreeMap<>();
        Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                        String relative = relative(directory, dir);
                        if (isHidden(relative)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (isPolicyName(relative)) {
                            problems.put(relative, "a directory, not a policy file (rename it: names ending in"
                                    + " .yaml or .yml are for policy files)");
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        String relative = relative(directory, file);
                        if (isHidden(relative) || !isPolicyName(relative)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attributes.isRegularFile()) {
                            files.add(relative);
                        } else if (attributes.isSymbolicLink()) {
                            problems.put(relative, brokenLink(file)); // the walk could not follow it
                        } else {
                            problems.put(relative, "not a regular file");
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        String relative = relative(directory, file);
                        if (isHidden(relative)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (e instanceof FileSystemLoopException) {
                            problems.put(relative, "a symbolic link loop: it leads back to a directory that contains it");
                        } else if (isPolicyName(relative) || Files.isDirectory(file)) {
                            problems.put(relative, "cannot be read: " + e);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return new PolicyDirectory(files.stream().sorted().toList(), problems);
    }

    static boolean isPolicyFile(String relativePath) {
        return !isHidden(relativePath) && isPolicyName(relativePath);
    }

    private static boolean isPolicyName(String relativePath) {
        String lower = relativePath.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    private static boolean isHidden(String relativePath) {
        return ("/" + relativePath).contains("/.");
    }

    private static String relative(Path directory, Path path) {
        return directory.relativize(path).toString().replace('\\', '/');
    }

    private static String brokenLink(Path link) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a symbolic link that cannot be read: " + e;
        }
        try {
            link.toRealPath();
            return "a symbolic link to '" + target + "', which cannot be followed";
        } catch (NoSuchFileException e) {
            return "a dangling symbolic link: its target '" + target + "' does not exist";
        } catch (IOException e) {
            return "a symbolic link to '" + target + "' that loops (it leads back to itself)";
        }
    }
}
