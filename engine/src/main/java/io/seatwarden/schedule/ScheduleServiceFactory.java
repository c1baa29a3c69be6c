package io.seatwarden.schedule;

import io.seatwarden.graph.TenantCredentials;

import com.google.inject.Injector;
import io.seatwarden.metrics.EngineMetrics;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.Settings;
import io.seatwarden.state.RunHistory;
import io.seatwarden.state.RunRecord;
import io.seatwarden.state.StateException;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import jakarta.inject.Inject;
import org.quartz.CronExpression;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Starts a {@link ScheduleService}: checks every tenant's schedule, opens the state database once
 * (migrated; Quartz's tables too when clustered), creates the scheduler with jobs built by
 * Guice, schedules one job per tenant and opens the operations endpoint.
 */
public final class ScheduleServiceFactory {
    private static final Logger log = LoggerFactory.getLogger(ScheduleServiceFactory.class);

    private final Injector injector;
    private final TenantReconcilers reconcilers;
    private final PolicySchedules policySchedules;
    private final TenantCredentials credentials;
    private final StateStores stateStores;
    private final Clock clock;

    @Inject
    public ScheduleServiceFactory(Injector injector, TenantReconcilers reconcilers, PolicySchedules policySchedules,
            TenantCredentials credentials, StateStores stateStores, Clock clock) {
        this.injector = requireNonNull(injector, "injector is null");
        this.reconcilers = requireNonNull(reconcilers, "reconcilers is null");
        this.policySchedules = requireNonNull(policySchedules, "policySchedules is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.stateStores = requireNonNull(stateStores, "stateStores is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The cron a tenant runs on: its own, else its policies' {@code settings.schedule}, else the default. */
    public String cronOf(TenantTarget tenant) {
        return tenant.schedule()
                .or(() -> policySchedules.scheduleOf(tenant.policies()))
                .orElse(Settings.DEFAULT_SCHEDULE);
    }

    /** True when the cron came due after the tenant's last recorded run and before now (by more than the misfire threshold). */
    private boolean missedWhileDown(RunHistory history, TenantKey tenant, String cron, TimeZone zone, SchedulerSettings settings) {
        List<RunRecord> last = history.recentOfJob(tenant.value(), 1);
        if (last.isEmpty() || last.get(0).scheduled().isEmpty()) {
            return false;
        }
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(zone);
            Date due = expression.getNextValidTimeAfter(Date.from(last.get(0).scheduled().get().scheduledAt()));
            return due != null && due.toInstant().isBefore(clock.instant().minus(settings.misfireThreshold()));
        } catch (ParseException e) {
            throw new IllegalStateException("cron checked before: " + cron, e);
        }
    }

    /**
     * @throws TenantsFileException when a schedule is invalid (nothing is started then)
     * @throws StateException when the state database cannot be opened, migrated or prepared
     * @throws SchedulerException when Quartz cannot start
     */
    public ScheduleService start(ServiceConfig config, Tenants tenants) throws SchedulerException {
        Map<TenantKey, String> crons = new TreeMap<>();
        List<PolicyProblem> problems = new ArrayList<>();
        for (TenantTarget tenant : tenants.all()) {
            crons.put(tenant.key(), cronOf(tenant));
            try {
                // Fails now, not at 02:00, when a credential's environment variables are missing.
                credentials.credential(tenant.credentials());
            } catch (IllegalArgumentException e) {
                problems.add(new PolicyProblem(tenant.location(), "tenant " + tenant.key() + ": " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new TenantsFileException(problems);
        }
        // One pool for everything the service keeps in the database: the engine's state, the run history,
        // and Quartz's clustered job store. Quartz's worker threads and its cluster manager need their own.
        StateStore state = stateStores.open(config.database().config(), config.scheduler().threads() + 8);
        TenantReconcilers.Session session = null;
        EngineMetrics metrics = null;
        try {
            if (config.scheduler().jobStore() == JobStoreMode.CLUSTER) {
                QuartzSchema.install(config.database(), state.dataSource());
                DBConnectionManager.getInstance().addConnectionProvider(StateConnectionProvider.NAME,
                        new StateConnectionProvider(state.dataSource()));
            }
            if (SchedulerRepository.getInstance().lookup(SchedulerSettings.INSTANCE_NAME) != null) {
                // Quartz would hand back the running scheduler instead of a new one.
                throw new IllegalStateException("a Seatwarden scheduler is already running in this JVM");
            }
            Scheduler scheduler = new StdSchedulerFactory(QuartzProperties.of(config.scheduler(), config.database().kind())).getScheduler();
            String node = scheduler.getSchedulerInstanceId();
            session = reconcilers.open(state);
            metrics = EngineMetrics.withJvmMetrics();
            TenantRunner runner = new TenantRunner(tenants, session.reconciler(), state.runs(), new RunReportWriter(), metrics,
                    config.runsDirectory(), node, clock);
            Injector jobs = injector.createChildInjector(binder -> {
                binder.bind(TenantRunner.class).toInstance(runner);
                binder.bind(ReconcileJob.class);
            });
            scheduler.setJobFactory(new GuiceJobFactory(jobs));
            for (TenantTarget tenant : tenants.all()) {
                TimeZone zone = TimeZone.getTimeZone(tenant.timeZone().orElse(ZoneId.systemDefault()));
                TenantJobs.Result result = TenantJobs.schedule(scheduler, tenant.key(), crons.get(tenant.key()), zone);
                log.info(Logfmt.event("tenant.scheduled", "tenant", tenant.key(), "cron", crons.get(tenant.key()),
                        "timeZone", zone.getID(), "graphUrl", tenant.graphUrl(), "credentials", tenant.credentials().describe(),
                        "policies", tenant.policies(), "job", result));
                if (config.runNow()) {
                    scheduler.triggerJob(TenantJobs.jobKey(tenant.key()));
                } else if (config.scheduler().jobStore() == JobStoreMode.MEMORY
                        && missedWhileDown(state.runs(), tenant.key(), crons.get(tenant.key()), zone, config.scheduler())) {
                    // The in-memory store forgets its triggers on restart; the run history remembers. Once, not per missed firing.
                    log.info(Logfmt.event("run.missed", "tenant", tenant.key(), "cron", crons.get(tenant.key())));
                    scheduler.triggerJob(TenantJobs.jobKey(tenant.key()));
                }
            }
            scheduler.start();
            HealthCheck health = new HealthCheck(scheduler, state::reachable);
            Optional<OpsServer> ops = Optional.empty();
            if (config.http().isPresent()) {
                try {
                    ops = Optional.of(OpsServer.start(config.http().get(), health::check, metrics::scrape));
                } catch (IOException e) {
                    scheduler.shutdown(false);
                    throw new UncheckedIOException("cannot serve /healthz and /metrics on " + config.http().get() + ": " + e.getMessage(), e);
                }
            }
            log.info(Logfmt.event("service.started", "node", node, "jobStore", config.scheduler().jobStore(),
                    "state", config.database().redactedUrl(), "tenants", crons.size(),
                    "http", ops.map(server -> server.address().toString()).orElse("off")));
            return new ScheduleService(scheduler, state, session, ops, metrics, health, node);
        } catch (SchedulerException | RuntimeException e) {
            if (session != null) {
                session.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            state.close();
            throw e;
        }
    }
}
