package io.seatwarden.schedule;

import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.SourceLocation;
import io.seatwarden.schedule.LocatedYaml.Entry;
import io.seatwarden.schedule.LocatedYaml.MapNode;
import io.seatwarden.schedule.LocatedYaml.Node;
import io.seatwarden.schedule.LocatedYaml.ScalarNode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads {@code settings.schedule} straight from the policy files ({@code *.yaml}, {@code *.yml}
 * under the directory): the scheduler needs only the schedule, and validating the rest of the
 * policies is each run's job (a run with bad policies fails and is recorded).
 */
public final class SettingsFileSchedules implements PolicySchedules {
    @Override
    public Optional<String> scheduleOf(Path policyDirectory) {
        List<PolicyProblem> problems = new ArrayList<>();
        Optional<String> schedule = Optional.empty();
        for (Path file : policyFiles(policyDirectory)) {
            Node root;
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                root = LocatedYaml.parse(reader, file.toString(), problems);
            } catch (IOException e) {
                throw new TenantsFileException(List.of(new PolicyProblem(SourceLocation.unknown(file.toString()),
                        "cannot read: " + e.getMessage())));
            }
            if (root instanceof MapNode map && map.entries().get("settings") != null
                    && map.entries().get("settings").value() instanceof MapNode settings) {
                Entry entry = settings.entries().get("schedule");
                if (entry != null && entry.value() instanceof ScalarNode scalar && scalar.text() != null) {
                    TenantsFile.cronProblem(scalar.text()).ifPresent(problem -> problems.add(new PolicyProblem(scalar.location(), problem)));
                    schedule = Optional.of(scalar.text());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new TenantsFileException(problems);
        }
        return schedule;
    }

    private static List<Path> policyFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new TenantsFileException(List.of(new PolicyProblem(SourceLocation.unknown(directory.toString()),
                    "policy directory does not exist")));
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(".yaml") || path.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new TenantsFileException(List.of(new PolicyProblem(SourceLocation.unknown(directory.toString()),
                    "cannot list policy files: " + e.getMessage())));
        }
    }
}
