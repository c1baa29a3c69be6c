package io.seatwarden.policy.file;

import com.google.inject.Inject;
import io.seatwarden.policy.PolicyLimits;
import io.seatwarden.policy.PolicyLoadResult;
import io.seatwarden.policy.PolicyLoader;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.PolicySource;
import io.seatwarden.policy.SourceLocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static java.util.Objects.requireNonNull;

/**
 * Finds and loads the policy files of a directory, or the copy of the repository's
 * {@code policies/} bundled in the jar (for {@code --demo}).
 *
 * <p>A policy directory's files are every {@code *.yaml} and {@code *.yml} under it, recursively,
 * read in order of their path relative to the directory; other files (the JSON Schema, READMEs)
 * and anything under a directory whose name starts with a dot are ignored. Symbolic links are
 * followed; one that is dangling or loops is a problem, as is anything else that looks like a policy
 * file but cannot be read ({@link PolicyDirectory}), or a file over {@link PolicyLimits}. Problems name files by
 * the path the user gave ({@code policies/sales.yaml}); bundled files are named
 * {@code classpath:seatwarden/policies/sales.yaml}.
 *
 * <pre>{@code
 * PolicyLoadResult result = policyFiles.load(Path.of("policies"));
 * if (!result.isValid()) {
 *     result.problems().forEach(System.err::println); // file:line:column: message
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class PolicyFiles {
    /** Where policies are read from when no directory is given. */
    public static final Path DEFAULT_DIRECTORY = Path.of("policies");
    /** The classpath folder holding the bundled copy of the repository's {@code policies/}. */
    public static final String BUNDLED_FOLDER = "seatwarden/policies/";

    private final PolicyLoader loader;

    @Inject
    public PolicyFiles(PolicyLoader loader) {
        this.loader = requireNonNull(loader, "loader is null");
    }

    /** Loads every policy file under {@code directory}; a missing or unreadable directory is a problem too. */
    public PolicyLoadResult load(Path directory) {
        String shown = displayName(directory);
        if (!Files.isDirectory(directory)) {
            String message = Files.exists(directory) ? "not a directory" : "no such directory";
            return PolicyLoadResult.invalid(List.of(new PolicyProblem(SourceLocation.unknown(shown), message)), List.of());
        }
        PolicyDirectory listing;
        try {
            listing = PolicyDirectory.list(directory);
        } catch (IOException | UncheckedIOException e) {
            return PolicyLoadResult.invalid(List.of(new PolicyProblem(SourceLocation.unknown(shown),
                    "cannot list the directory: " + e.getMessage())), List.of());
        }
        List<String> relativePaths = listing.files();
        List<PolicyProblem> readProblems = new ArrayList<>();
        listing.problems().forEach((relative, message) -> readProblems.add(new PolicyProblem(
                SourceLocation.unknown(nameOf(shown, relative)), message)));
        if (relativePaths.isEmpty() && readProblems.isEmpty()) {
            return PolicyLoadResult.invalid(List.of(new PolicyProblem(SourceLocation.unknown(shown),
                    "no policy files (*.yaml, *.yml) in this directory")), List.of());
        }
        List<PolicySource> sources = new ArrayList<>();
        for (String relative : relativePaths) {
            String name = nameOf(shown, relative);
            try {
                Optional<byte[]> bytes = readLimited(directory.resolve(relative));
                if (bytes.isPresent()) {
                    sources.add(new PolicySource(name, decode(bytes.get())));
                } else {
                    readProblems.add(new PolicyProblem(new SourceLocation(name, 1, 1),
                            PolicyLimits.tooLarge(Files.size(directory.resolve(relative)) + " bytes")));
                }
            } catch (CharacterCodingException e) {
                readProblems.add(new PolicyProblem(new SourceLocation(name, 1, 1), "the file is not UTF-8 text"));
            } catch (IOException e) {
                readProblems.add(new PolicyProblem(new SourceLocation(name, 1, 1), "cannot read the file: " + e));
            }
        }
        if (sources.isEmpty()) {
            return PolicyLoadResult.invalid(readProblems.stream().sorted().toList(),
                    readProblems.stream().map(problem -> problem.location().file()).sorted().toList());
        }
        return withReadProblems(loader.load(sources), readProblems);
    }

    /** Loads the copy of the repository's {@code policies/} that ships inside the jar. */
    public PolicyLoadResult loadBundled() {
        try {
            return loader.load(bundledSources());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled policies", e);
        }
    }

    /** The bundled policy files; works from {@code target/classes} and from inside the jar. */
    List<PolicySource> bundledSources() throws IOException {
        URL folder = PolicyFiles.class.getClassLoader().getResource(BUNDLED_FOLDER);
        if (folder == null) {
            throw new IOException("no " + BUNDLED_FOLDER + " on the classpath");
        }
        List<PolicySource> sources = new ArrayList<>();
        if ("file".equals(folder.getProtocol())) {
            Path directory = pathOf(folder);
            for (String relative : PolicyDirectory.list(directory).files()) {
                sources.add(new PolicySource("classpath:" + BUNDLED_FOLDER + relative,
                        decode(Files.readAllBytes(directory.resolve(relative)))));
            }
            return sources;
        }
        URLConnection connection = folder.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("cannot list " + folder);
        }
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String relative = entry.getName().startsWith(BUNDLED_FOLDER)
                        ? entry.getName().substring(BUNDLED_FOLDER.length()) : "";
                if (!entry.isDirectory() && PolicyDirectory.isPolicyFile(relative)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        sources.add(new PolicySource("classpath:" + entry.getName(), decode(in.readAllBytes())));
                    }
                }
            }
        }
        return sources;
    }

    private static String nameOf(String shownDirectory, String relative) {
        if (relative.isEmpty()) {
            return shownDirectory;
        }
        return shownDirectory.equals(".") ? relative : shownDirectory + "/" + relative;
    }

    /** The file's bytes, or empty when it holds more than a policy file may; never reads more than that. */
    private static Optional<byte[]> readLimited(Path file) throws IOException {
        if (Files.size(file) > PolicyLimits.MAX_FILE_BYTES) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(PolicyLimits.MAX_FILE_BYTES + 1); // the file may have grown since
            return bytes.length > PolicyLimits.MAX_FILE_BYTES ? Optional.empty() : Optional.of(bytes);
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        // Editors on Windows may write a byte order mark; YAML does not want it.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The directory as the user gave it; an absolute path inside the working directory is made relative. */
    private static String displayName(Path directory) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path shown = directory.isAbsolute() && directory.normalize().startsWith(workingDirectory)
                ? workingDirectory.relativize(directory.normalize())
                : directory;
        String name = shown.toString().replace('\\', '/');
        while (name.endsWith("/") && name.length() > 1) {
            name = name.substring(0, name.length() - 1);
        }
        return name.isEmpty() ? "." : name;
    }

    private static Path pathOf(URL url) throws IOException {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot read " + url, e);
        }
    }

    private static PolicyLoadResult withReadProblems(PolicyLoadResult result, List<PolicyProblem> readProblems) {
        if (readProblems.isEmpty()) {
            return result;
        }
        List<PolicyProblem> all = new ArrayList<>(result.problems());
        all.addAll(readProblems);
        List<String> files = new ArrayList<>(result.files());
        readProblems.forEach(problem -> files.add(problem.location().file()));
        return PolicyLoadResult.invalid(all, files.stream().sorted().toList());
    }
}
