package io.seatwarden.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which policies a plan was made from, so that a report can be traced to them: the SHA-256 of the
 * policy files (their paths relative to the policy directory and their bytes, in path order) and,
 * when the directory is in a git work tree, the commit checked out there. The hash is exact; the
 * commit is context (the files may differ from it when the work tree has uncommitted edits).
 *
 * @param gitCommit the work tree's {@code HEAD} commit, lower-case hex; null when not in a git work tree
 * @param sha256 lower-case hex
 */
@JsonPropertyOrder({"gitCommit", "sha256"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyRevision(String gitCommit, String sha256) {
    private static final int SHOWN = 12;

    public PolicyRevision {
        requireNonNull(sha256, "sha256 is null");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
        if (gitCommit != null && !gitCommit.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            throw new IllegalArgumentException("gitCommit must be 40 or 64 lower-case hex digits: " + gitCommit);
        }
    }

    public static PolicyRevision of(Optional<String> gitCommit, String sha256) {
        return new PolicyRevision(gitCommit.map(commit -> commit.toLowerCase(Locale.ROOT)).orElse(null), sha256);
    }

    /** For people: {@code git 65d0621c1a2b, sha256 3f2a9c1b0e7d} (abbreviated like git does), or the hash alone. */
    public String describe() {
        String hash = "sha256 " + sha256.substring(0, SHOWN);
        return gitCommit == null ? hash + " (not in a git work tree)" : "git " + gitCommit.substring(0, SHOWN) + ", " + hash;
    }
}
