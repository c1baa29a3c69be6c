package io.seatwarden.policy.file;

import io.seatwarden.policy.Policy;
import io.seatwarden.policy.PolicyLoadResult;
import io.seatwarden.policy.PolicyLoader;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.schedule.QuartzCronSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyFilesTest {
    private final PolicyFiles policyFiles = new PolicyFiles(new PolicyLoader(new QuartzCronSyntax()));

    static Path repositoryPolicies() {
        return Path.of(System.getProperty("seatwarden.repoRoot", "..")).resolve("policies");
    }

    @Test
    void everyFileInTheRepositorysPoliciesDirectoryLoads() {
        PolicyLoadResult result = policyFiles.load(repositoryPolicies());

        assertThat(result.problems()).isEmpty();
        assertThat(result.files()).isNotEmpty().allSatisfy(file -> assertThat(file).endsWith(".yaml"));
        assertThat(result.policySet().orElseThrow().policies()).extracting(Policy::name).contains("sales-e3", "support-e3");
        assertThat(result.policySet().orElseThrow().settings().schedule()).isPresent();
    }

    @Test
    void bundledCopyLoadsTheSamePolicies() {
        PolicyLoadResult bundled = policyFiles.loadBundled();
        PolicyLoadResult repository = policyFiles.load(repositoryPolicies());

        assertThat(bundled.problems()).isEmpty();
        assertThat(bundled.files()).allSatisfy(file -> assertThat(file).startsWith("classpath:seatwarden/policies/"));
        assertThat(bundled.policySet().orElseThrow().policies()).extracting(Policy::name)
                .containsExactlyElementsOf(repository.policySet().orElseThrow().policies().stream().map(Policy::name).toList());
    }

    @Test
    void readsYamlAndYmlRecursivelyInOrderOfRelativePathAndIgnoresOtherFiles(@TempDir Path directory) throws IOException {
        write(directory.resolve("b.yml"), "policies:\n  - {name: b, group: B, licenses: [{sku: X}]}\n");
        write(directory.resolve("a/z.yaml"), "policies:\n  - {name: az, group: A, licenses: [{sku: X}]}\n");
        write(directory.resolve("README.md"), "# not a policy\n");
        write(directory.resolve("policy.schema.json"), "{}\n");
        write(directory.resolve(".hidden/c.yaml"), "not: valid\n");

        PolicyLoadResult result = policyFiles.load(directory);

        assertThat(result.problems()).isEmpty();
        assertThat(result.policySet().orElseThrow().policies()).extracting(Policy::name).containsExactly("az", "b");
        assertThat(result.files()).hasSize(2);
    }

    @Test
    void problemsNameTheFileByThePathTheUserGave(@TempDir Path directory) throws IOException {
        write(directory.resolve("sub/bad.yaml"), "policies:\n  - nme: x\n");

        PolicyLoadResult result = policyFiles.load(directory);

        assertThat(result.problems()).extracting(PolicyProblem::toString).contains(
                directory + "/sub/bad.yaml:2:5: unknown key 'nme' (did you mean 'name'?)");
    }

    @Test
    void byteOrderMarkIsIgnoredAndNonUtf8IsAProblem(@TempDir Path directory) throws IOException {
        write(directory.resolve("a.yaml"), "\uFEFFpolicies:\n  - {name: a, group: A, licenses: [{sku: X}]}\n");
        Files.write(directory.resolve("b.yaml"), new byte[] {'p', ':', ' ', (byte) 0xff, '\n'});

        PolicyLoadResult result = policyFiles.load(directory);

        assertThat(result.problems()).extracting(PolicyProblem::toString).containsExactly(
                directory + "/b.yaml:1:1: the file is not UTF-8 text");
    }

    @Test
    void missingOrEmptyDirectoryIsAProblem(@TempDir Path directory) {
        assertThat(policyFiles.load(directory.resolve("nope")).problems()).extracting(PolicyProblem::toString)
                .containsExactly(directory.resolve("nope") + ": no such directory");
        assertThat(policyFiles.load(directory).problems()).extracting(PolicyProblem::message)
                .containsExactly("no policy files (*.yaml, *.yml) in this directory");
    }

    @Test
    void aFileOverTheSizeLimitIsAProblemNamingItAndIsNotRead(@TempDir Path directory) throws IOException {
        write(directory.resolve("a.yaml"), "policies:\n  - {name: a, group: A, licenses: [{sku: X}]}\n");
        try (RandomAccessFile huge = new RandomAccessFile(directory.resolve("huge.yaml").toFile(), "rw")) {
            huge.setLength(50L * 1024 * 1024); // sparse: 50 MiB on paper, nothing on disk
        }

        PolicyLoadResult result = policyFiles.load(directory);

        assertThat(result.problems()).extracting(PolicyProblem::toString).containsExactly(directory
                + "/huge.yaml:1:1: the file is too large (52428800 bytes); a policy file may be at most 1024 KiB:"
                + " split the policies over several files");
    }

    @Test
    void brokenLinksAndDirectoriesNamedLikePolicyFilesAreProblemsNamingThePath(@TempDir Path directory) throws IOException {
        write(directory.resolve("a.yaml"), "policies:\n  - {name: a, group: A, licenses: [{sku: X}]}\n");
        Files.createSymbolicLink(directory.resolve("dangling.yaml"), Path.of("gone.yaml"));
        Files.createSymbolicLink(directory.resolve("self.yaml"), Path.of("self.yaml"));
        Files.createDirectories(directory.resolve("x.yaml"));
        Files.createDirectories(directory.resolve("team"));
        Files.createSymbolicLink(directory.resolve("team/loop"), Path.of(".."));

        PolicyLoadResult result = policyFiles.load(directory);

        assertThat(result.policySet()).isEmpty();
        assertThat(result.problems()).extracting(PolicyProblem::toString).containsExactly(
                directory + "/dangling.yaml: a dangling symbolic link: its target 'gone.yaml' does not exist",
                directory + "/self.yaml: a symbolic link to 'self.yaml' that loops (it leads back to itself)",
                directory + "/team/loop: a symbolic link loop: it leads back to a directory that contains it",
                directory + "/x.yaml: a directory, not a policy file (rename it: names ending in .yaml or .yml are for policy files)");
    }

    @Test
    void aKubernetesConfigMapMountIsReadThroughItsDataLinks(@TempDir Path mount) throws IOException {
        // What the kubelet writes: files in a timestamped directory, "..data" linking to it, and one
        // link per key through "..data".
        write(mount.resolve("..2026_12_02_07_00_00.123456789/sales.yaml"),
                "policies:\n  - {name: sales, group: Sales, licenses: [{sku: X}]}\n");
        write(mount.resolve("..2026_12_02_07_00_00.123456789/settings.yml"), "settings: {maxRemovals: 5}\n");
        Files.createSymbolicLink(mount.resolve("..data"), Path.of("..2026_12_02_07_00_00.123456789"));
        Files.createSymbolicLink(mount.resolve("sales.yaml"), Path.of("..data/sales.yaml"));
        Files.createSymbolicLink(mount.resolve("settings.yml"), Path.of("..data/settings.yml"));

        PolicyLoadResult result = policyFiles.load(mount);

        assertThat(result.problems()).isEmpty();
        assertThat(result.files()).containsExactly(mount + "/sales.yaml", mount + "/settings.yml");
        assertThat(result.policySet().orElseThrow().policies()).extracting(Policy::name).containsExactly("sales");
        assertThat(result.policySet().orElseThrow().settings().maxRemovals()).isEqualTo(5);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
