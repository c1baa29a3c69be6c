package io.seatwarden.schedule;

import io.seatwarden.metrics.EngineMetrics;
import io.seatwarden.state.RunHistory;
import io.seatwarden.state.StateStore;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * A running {@code run} service: the Quartz scheduler with one job per tenant, the open state and
 * the operations endpoint. Created by {@link ScheduleServiceFactory}; {@link #stop} is graceful.
 */
public final class ScheduleService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);

    private final Scheduler scheduler;
    private final StateStore state;
    private final TenantReconcilers.Session session;
    private final Optional<OpsServer> ops;
    private final EngineMetrics metrics;
    private final HealthCheck health;
    private final String node;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    ScheduleService(Scheduler scheduler, StateStore state, TenantReconcilers.Session session, Optional<OpsServer> ops,
            EngineMetrics metrics, HealthCheck health, String node) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.state = requireNonNull(state, "state is null");
        this.session = requireNonNull(session, "session is null");
        this.ops = requireNonNull(ops, "ops is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.health = requireNonNull(health, "health is null");
        this.node = requireNonNull(node, "node is null");
    }

    public String node() {
        return node;
    }

    /** The run history every run of this service is recorded in (the state's one history). */
    public RunHistory runs() {
        return state.runs();
    }

    /** What {@code /metrics} serves. */
    public EngineMetrics metrics() {
        return metrics;
    }

    public HealthCheck.Status health() {
        return health.check();
    }

    public Optional<InetSocketAddress> httpAddress() {
        return ops.map(OpsServer::address);
    }

    /**
     * Stops gracefully: asks runs in flight to stop between two users, waits until they have
     * finished the change in flight and recorded themselves, then stops the scheduler. Idempotent.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStop();
            return;
        }
        log.info(Logfmt.event("service.stopping", "node", node));
        try {
            scheduler.standby();
            for (JobExecutionContext running : scheduler.getCurrentlyExecutingJobs()) {
                log.info(Logfmt.event("run.interrupting", "tenant", running.getJobDetail().getKey().getName(), "node", node));
                scheduler.interrupt(running.getFireInstanceId());
            }
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.error(Logfmt.event("service.stop_failed", "node", node, "error", e.getMessage()), e);
        } finally {
            ops.ifPresent(OpsServer::close);
            session.close();
            metrics.close();
            state.close();
            log.info(Logfmt.event("service.stopped", "node", node));
            stopped.countDown();
        }
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
