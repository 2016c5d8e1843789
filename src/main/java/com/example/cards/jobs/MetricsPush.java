package com.example.cards.jobs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.example.cards.run.RunParameters;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Pushes the metrics (Spring Batch's observations, the job's own counters) to a
 * Prometheus Pushgateway while a job runs, every
 * {@code management.prometheus.metrics.export.pushgateway.push-rate}, once more when it
 * ends and once more when the application closes (when Spring Batch's job timer is
 * complete). It reads Boot's own
 * {@code management.prometheus.metrics.export.pushgateway.*} properties; nothing is
 * pushed unless {@code enabled} is true.
 * <p>
 * Boot's own pusher needs the Prometheus client's pushgateway exporter, which Maven
 * Central does not serve in the version Boot 4.1 manages (docs/design.md); this one sends
 * the registry's scrape, in the text format, with an HTTP PUT to
 * {@code /metrics/job/<job>/batch/<batch>[/<key>/<value>...]}: the group is the job
 * ({@code pushgateway.job}, by default the Spring Batch job's name) and the batch (its
 * batch id, or for a nightly staging run {@code staging-<runDate>}), plus the configured
 * {@code grouping-key}. Each push replaces the group's previous one; each job starts its
 * counts afresh. A push that fails is logged at WARN and the run goes on.
 */
@Component
public class MetricsPush implements JobExecutionListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MetricsPush.class);

    private final PrometheusProperties.Pushgateway settings;

    private final ObjectProvider<PrometheusMeterRegistry> registry;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;

    private volatile URI group;

    public MetricsPush(ObjectProvider<PrometheusProperties> properties,
            ObjectProvider<PrometheusMeterRegistry> registry) {
        PrometheusProperties prometheus = properties.getIfAvailable();
        this.settings = prometheus == null ? null : prometheus.getPushgateway();
        this.registry = registry;
    }

    private boolean enabled() {
        return settings != null && settings.isEnabled() && registry.getIfAvailable() != null;
    }

    @Override
    public synchronized void beforeJob(JobExecution execution) {
        if (!enabled()) {
            return;
        }
        group = groupOf(execution);
        startAfresh(registry.getIfAvailable());
        if (scheduler == null) {
            CustomizableThreadFactory threads = new CustomizableThreadFactory("metrics-push-");
            threads.setDaemon(true);
            scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        }
        long millis = Math.max(100, settings.getPushRate().toMillis());
        task = scheduler.scheduleWithFixedDelay(this::push, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void afterJob(JobExecution execution) {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (group != null) {
            push();
        }
    }

    @Override
    public synchronized void destroy() {
        if (group != null) {
            push();
            group = null;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /**
     * A nightly run issues several batches in one process, each pushed to its own group:
     * the counts of the batches before are dropped, so that each group holds its own
     * batch's. The meters of the observations still open (the job's, active now) stay.
     */
    private static void startAfresh(MeterRegistry meters) {
        for (Meter meter : meters.getMeters()) {
            String name = meter.getId().getName();
            if ((name.startsWith("issuance.") || name.startsWith("spring.batch.")) && !name.endsWith(".active")) {
                meters.remove(meter);
            }
        }
    }

    /** The group's URL: job and batch, then the configured grouping key. */
    URI groupOf(JobExecution execution) {
        Map<String, String> key = new LinkedHashMap<>();
        String job = settings.getJob();
        key.put("job", job == null || job.isBlank() ? execution.getJobInstance().getJobName() : job);
        String batch = execution.getJobParameters().getString(RunParameters.BATCH_ID);
        if (batch == null) {
            Object runDate = execution.getJobParameters().getLocalDate(RunParameters.RUN_DATE);
            batch = "staging-" + runDate;
        }
        key.put("batch", batch);
        settings.getGroupingKey().forEach(key::putIfAbsent);
        String address = settings.getAddress() == null ? "localhost:9091" : settings.getAddress();
        StringBuilder url = new StringBuilder(
                settings.getScheme() == PrometheusProperties.Pushgateway.Scheme.HTTPS ? "https://" : "http://")
            .append(address)
            .append("/metrics");
        key.forEach((name, value) -> url.append('/')
            .append(name)
            .append("@base64/")
            .append(Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return URI.create(url.toString());
    }

    private void push() {
        URI target = group;
        PrometheusMeterRegistry prometheus = registry.getIfAvailable();
        if (target == null || prometheus == null) {
            return;
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(prometheus.scrape(), StandardCharsets.UTF_8));
            if (settings.getToken() != null) {
                request.header("Authorization", "Bearer " + settings.getToken());
            }
            else if (settings.getUsername() != null) {
                String credentials = settings.getUsername() + ":"
                        + (settings.getPassword() == null ? "" : settings.getPassword());
                request.header("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                log.warn("The Pushgateway at {} refused the metrics: HTTP {} {}", settings.getAddress(),
                        response.statusCode(), response.body().strip());
            }
        }
        catch (IOException e) {
            log.warn("The metrics could not be pushed to the Pushgateway at {}: {}", settings.getAddress(),
                    e.toString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
