package io.seatwarden.policy.file;

import com.google.inject.Inject;
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
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Finds and loads the policy files of a directory, or the copy of the repository's
 * {@code policies/} bundled in the jar (for {@code --demo}).
 *
 * <p>A policy directory's files are every {@code *.yaml} and {@code *.yml} under it, recursively,
 * read in order of their path relative to the directory; other files (the JSON Schema, READMEs)
 * and anything under a directory whose name starts with a dot are ignored. Problems name files by
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
        List<String> relativePaths;
        try {
            relativePaths = policyFilesUnder(directory);
        } catch (IOException | UncheckedIOException e) {
            return PolicyLoadResult.invalid(List.of(new PolicyProblem(SourceLocation.unknown(shown),
                    "cannot list the directory: " + e.getMessage())), List.of());
        }
        if (relativePaths.isEmpty()) {
            return PolicyLoadResult.invalid(List.of(new PolicyProblem(SourceLocation.unknown(shown),
                    "no policy files (*.yaml, *.yml) in this directory")), List.of());
        }
        List<PolicySource> sources = new ArrayList<>();
        List<PolicyProblem> readProblems = new ArrayList<>();
        for (String relative : relativePaths) {
            String name = shown.equals(".") ? relative : shown + "/" + relative;
            try {
                sources.add(new PolicySource(name, decode(Files.readAllBytes(directory.resolve(relative)))));
            } catch (CharacterCodingException e) {
                readProblems.add(new PolicyProblem(new SourceLocation(name, 1, 1), "the file is not UTF-8 text"));
            } catch (IOException e) {
                readProblems.add(new PolicyProblem(new SourceLocation(name, 1, 1), "cannot read the file: " + e));
            }
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
            for (String relative : policyFilesUnder(directory)) {
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
                if (!entry.isDirectory() && isPolicyFile(relative)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        sources.add(new PolicySource("classpath:" + entry.getName(), decode(in.readAllBytes())));
                    }
                }
            }
        }
        return sources;
    }

    private static List<String> policyFilesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString().replace('\\', '/'))
                    .filter(PolicyFiles::isPolicyFile)
                    .sorted()
                    .toList();
        }
    }

    static boolean isPolicyFile(String relativePath) {
        String lower = relativePath.toLowerCase(Locale.ROOT);
        boolean hidden = ("/" + relativePath).contains("/.");
        return !hidden && (lower.endsWith(".yaml") || lower.endsWith(".yml"));
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
