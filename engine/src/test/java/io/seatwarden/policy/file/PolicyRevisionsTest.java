package io.seatwarden.policy.file;

import io.seatwarden.policy.PolicyRevision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PolicyRevisions}: the content hash follows the policy files only; the commit is read from git's files as git lays them out. */
class PolicyRevisionsTest {
    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final String B = "89abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path directory;

    @Test
    void theHashChangesWithAPolicyFileAndNotWithOtherFiles() throws IOException {
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("a.yaml"), "policies: []\n");
        String first = PolicyRevisions.of(policies).orElseThrow().sha256();

        Files.writeString(policies.resolve("README.md"), "docs\n");
        assertThat(PolicyRevisions.of(policies).orElseThrow().sha256()).isEqualTo(first);
        Files.writeString(policies.resolve("a.yaml"), "policies: [] # edited\n");
        assertThat(PolicyRevisions.of(policies).orElseThrow().sha256()).isNotEqualTo(first);
        Files.writeString(policies.resolve("a.yaml"), "policies: []\n");
        Files.move(policies.resolve("a.yaml"), policies.resolve("b.yaml"));
        assertThat(PolicyRevisions.of(policies).orElseThrow().sha256()).as("a rename is a new revision").isNotEqualTo(first);
    }

    @Test
    void aLooseBranchRef() throws IOException {
        Path git = Files.createDirectories(directory.resolve(".git/refs/heads"));
        Files.writeString(directory.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), A + "\n");

        assertThat(PolicyRevisions.gitCommit(Files.createDirectories(directory.resolve("policies/sub")))).contains(A);
    }

    @Test
    void aPackedRefAndADetachedHead() throws IOException {
        Files.createDirectories(directory.resolve(".git"));
        Files.writeString(directory.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(directory.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
                + B + " refs/heads/other\n" + A + " refs/heads/main\n^" + B + "\n");
        assertThat(PolicyRevisions.gitCommit(directory)).contains(A);

        Files.writeString(directory.resolve(".git/HEAD"), B + "\n");
        assertThat(PolicyRevisions.gitCommit(directory)).contains(B);
    }

    @Test
    void aLinkedWorkTreeReadsItsOwnHeadAndTheSharedRefs() throws IOException {
        // git worktree add: the work tree's .git is a file naming .git/worktrees/NAME, whose commondir is ../..
        Path main = Files.createDirectories(directory.resolve("main/.git/refs/heads"));
        Files.writeString(main.resolve("feature"), B + "\n");
        Path linked = Files.createDirectories(directory.resolve("main/.git/worktrees/feature"));
        Files.writeString(linked.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(linked.resolve("commondir"), "../..\n");
        Path workTree = Files.createDirectories(directory.resolve("feature"));
        Files.writeString(workTree.resolve(".git"), "gitdir: " + linked + "\n");

        assertThat(PolicyRevisions.gitCommit(workTree)).contains(B);
    }

    @Test
    void anUnbornBranchOrNoRepositoryHasNoCommit() throws IOException {
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.createDirectories(directory.resolve(".git/refs/heads"));
        Files.writeString(directory.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        assertThat(PolicyRevisions.gitCommit(policies)).isEmpty();

        Files.writeString(policies.resolve("a.yaml"), "policies: []\n");
        PolicyRevision revision = PolicyRevisions.of(policies).orElseThrow();
        assertThat(revision.gitCommit()).isNull();
        assertThat(revision.describe()).isEqualTo("sha256 " + revision.sha256().substring(0, 12) + " (not in a git work tree)");
    }
}
