package io.seatwarden.cli;

import io.seatwarden.directory.TenantId;
import io.seatwarden.report.HistoryHtmlRenderer;
import io.seatwarden.report.HistoryJsonRenderer;
import io.seatwarden.report.HistoryTextRenderer;
import io.seatwarden.report.SeatHistoryReport;
import io.seatwarden.state.SeatSample;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateException;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code seatwarden history}: the per-SKU seat figures each apply and scheduled run recorded, over time, with the
 * days of headroom each SKU has at its recent trend.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Show seats in use, free and waiting per SKU over time, as each apply and scheduled run left them"
                + " (plan records nothing), and how many days of headroom each SKU has at its recent trend: the least-squares"
                + " slope of seats in use per day over the 14 days up to its newest run.",
            "--format html writes a self-contained page with a chart per SKU. --format json: {\"generatedAt\", \"days\","
                + " \"trend\": {\"windowDays\", \"method\"}, \"series\": [{\"tenantId\", \"skuId\", \"skuPartNumber\","
                + " \"headroom\": {\"status\" (GROWING|NO_GROWTH|NONE_LEFT|NOT_ENOUGH_HISTORY), \"seatsLeft\", \"slopePerDay\","
                + " \"days\", \"trendSamples\"}, \"samples\": [{\"recordedAt\", \"runId\", \"enabled\", \"assigned\","
                + " \"available\", \"reserved\", \"waiting\"}]}]}; its JSON Schema is seatwarden/schema/history.schema.json in the jar."})
public final class HistoryCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format {
        text,
        html,
        json
    }

    @Mixin
    StateOptions state;

    @Option(names = "--tenant-id", paramLabel = "TENANT_ID", description = "Only this tenant (its Entra tenant id); default: every tenant.")
    String tenant;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "How many days back (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--format", paramLabel = "text|html|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path out;

    private final StateStores stateStores;
    private final Clock clock;

    @Inject
    public HistoryCommand(StateStores stateStores, Clock clock) {
        this.stateStores = requireNonNull(stateStores, "stateStores is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Integer call() {
        if (days < 1) {
            throw new UserFacingException("--days must be at least 1");
        }
        if (tenant != null && tenant.isBlank()) {
            throw new UserFacingException("--tenant-id must not be blank");
        }
        Instant now = clock.instant();
        SeatHistoryReport report = SeatHistoryReport.of(read(state.config(), SeatHistoryReport.readSince(now, days)), now, days);
        String rendered = switch (format) {
            case text -> new HistoryTextRenderer().render(report);
            case html -> new HistoryHtmlRenderer().render(report);
            case json -> new HistoryJsonRenderer().render(report);
        };
        if (out == null) {
            System.out.print(rendered);
            System.out.flush();
        } else {
            write(rendered);
        }
        return ExitCode.OK.code();
    }

    private List<SeatSample> read(StateConfig config, Instant since) {
        if (config.url().equals(StateConfig.DEFAULT_URL) && !Files.exists(PlanCommand.DEFAULT_STATE_FILE)) {
            return List.of(); // nothing has run here; do not create the database just to show nothing
        }
        try (StateStore store = stateStores.open(config)) {
            return store.seatHistory().since(Optional.ofNullable(tenant).map(TenantId::of), since);
        } catch (StateException e) {
            throw new UserFacingException("cannot read the seat history from " + config.redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Through a temporary file moved over {@code --out} once complete, so a reader never sees half a page. */
    private void write(String rendered) {
        Path target = out.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(temporary, rendered, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new UserFacingException("cannot write " + out + ": " + e, e);
        } finally {
            deleteQuietly(temporary);
        }
        System.err.println("wrote " + out);
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            System.err.println("could not delete " + temporary + ": " + e.getMessage());
        }
    }
}
