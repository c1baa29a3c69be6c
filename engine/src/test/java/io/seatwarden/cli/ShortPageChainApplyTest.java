package io.seatwarden.cli;

import io.seatwarden.testing.StandardStreams;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.FaultPlan;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defect of issue 13 item 3 through {@code apply}: a group of 1,010 members read in two pages of
 * 999 and 11; the first page comes back without its {@code @odata.nextLink}. Before, the run saw 999
 * members, pruned the other 11 (under the removal guard's limits) and exited 0. Now the member read
 * is checked against Graph's {@code @odata.count}: exit 1 before planning, and nothing is written.
 */
class ShortPageChainApplyTest {
    private static final int MEMBERS = 1010;
    private static final String POLICY = "policies:\n  - name: everyone\n    group: Everyone\n    licenses:\n"
            + "      - sku: E3\n        prune: true\n";

    @RegisterExtension
    final StandardStreams streams = new StandardStreams();
    private final ByteArrayOutputStream out = streams.out;
    private final ByteArrayOutputStream err = streams.err;
    private GraphEmulator emulator;

    @TempDir
    Path directory;

    @AfterEach
    void restore() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aMemberPageWithoutItsNextLinkStopsTheRunBeforePlanningAndWritesNothing() throws IOException {
        TestingTenant tenant = tenant().sku("E3", MEMBERS + 10).consumed("E3", MEMBERS).group("Everyone");
        for (int i = 0; i < MEMBERS; i++) {
            tenant.user(String.format("user%04d", i)).inGroup("Everyone").holds("E3");
        }
        emulator = GraphEmulator.start(TenantFileMapper.toFile(tenant.build()), EmulatorOptions.defaults());
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("policies.yaml"), POLICY);
        emulator.faults().onNext("GET", "/groups/{id}/members/microsoft.graph.user", FaultPlan.Fault.dropNextLink());

        int exit = Main.run(new String[] {"apply", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(),
            "--state-url", "jdbc:h2:file:" + directory.resolve("state"), "--yes", "--max-removals", "1000"});

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stderr:%n%s", stderr).isEqualTo(1);
        assertThat(stderr).contains("ended after 999 of the 1010 items Graph counts");
        assertThat(emulator.requestLog().count("POST /$batch")).isZero();
        assertThat(emulator.requestLog().count("POST /users/{id}/assignLicense")).isZero();
        TenantSnapshot after = emulator.state().snapshot();
        for (int i = 0; i < MEMBERS; i++) {
            assertThat(after.user(userId(String.format("user%04d", i))).orElseThrow().holds(skuId("E3"))).isTrue();
        }
    }
}
