package io.seatwarden.schedule;

import io.seatwarden.state.StateConfig;

import java.util.Properties;

/** The Quartz configuration for a {@link SchedulerSettings}: in-memory, or clustered JDBC (graph-sdk-notes Q8). */
final class QuartzProperties {
    private QuartzProperties() {}

    static Properties of(SchedulerSettings settings, StateConfig.Kind database) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", SchedulerSettings.INSTANCE_NAME);
        properties.setProperty("org.quartz.scheduler.instanceId", settings.nodeId());
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
        properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threads()));
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "seatwarden-run");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(settings.misfireThreshold().toMillis()));
        switch (settings.jobStore()) {
            case MEMORY -> properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            case CLUSTER -> clustered(properties, settings, database);
        }
        return properties;
    }

    private static void clustered(Properties properties, SchedulerSettings settings, StateConfig.Kind database) {
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", switch (database) {
            case H2 -> "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
            case POSTGRESQL -> "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";
        });
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(settings.clusterCheckin().toMillis()));
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        // The state's one pool, registered with Quartz by ScheduleServiceFactory.
        properties.setProperty("org.quartz.jobStore.dataSource", StateConnectionProvider.NAME);
    }
}
