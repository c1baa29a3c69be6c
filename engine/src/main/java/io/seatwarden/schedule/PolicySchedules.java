package io.seatwarden.schedule;

import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code settings.schedule} in a policy directory, for tenants whose entry names no schedule. */
public interface PolicySchedules {
    /**
     * @return the cron expression of the directory's {@code settings:} map, empty when there is none
     * @throws TenantsFileException naming the file when the policies cannot be read
     */
    Optional<String> scheduleOf(Path policyDirectory);
}
