package com.example.cards.issue;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.messaging.MessageHeaders;

/**
 * Runs the partitions a worker takes from the queue with Spring Batch's
 * {@link StepExecutionRequestHandler}, and stops cleanly: when the process is asked to
 * end (SIGTERM, or the application context closing), it takes no further partition (those
 * not started go back to the queue), asks the running ones to stop after the chunk in
 * hand, waits for them (at most {@code issuance.recovery.stop-timeout}), and only then
 * lets the queue's consumers and the broker connection close.
 * <p>
 * That happens on {@link ContextClosedEvent}, which the context publishes before it stops
 * any lifecycle bean: the queue's listener container stops in the highest phase, and
 * stopping it waits for the message in hand, that is for the whole partition, so a
 * partition asked to stop only there would run on to its end or be cut off when the
 * container gives up waiting.
 * <p>
 * A message whose partition is no longer waiting to start (the manager gave up on it and
 * marked it FAILED, or it already ran) is acknowledged and dropped: its run is restarted
 * with new partitions.
 */
public class PartitionWorker implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    private final JobRepository jobRepository;

    private final String stepName;

    private final PartitionsInHand inHand;

    private final RemotePartitioningProperties remote;

    private final Duration stopTimeout;

    private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();

    private final AtomicInteger busy = new AtomicInteger();

    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile boolean stopping;

    private volatile boolean running;

    PartitionWorker(JobRepository jobRepository, String stepName, Step workerStep, PartitionsInHand inHand,
            RemotePartitioningProperties remote, Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        this.jobRepository = jobRepository;
        this.stepName = stepName;
        this.inHand = inHand;
        this.remote = remote;
        this.handler.setJobRepository(jobRepository);
        this.handler.setStepLocator(name -> {
            if (!stepName.equals(name)) {
                throw new IllegalArgumentException("this worker runs only " + stepName + ", not " + name);
            }
            return workerStep;
        });
    }

    /**
     * Serves partitions until the process is asked to stop; returns when the partitions
     * in hand have ended.
     */
    public int serve(PrintStream out) throws InterruptedException {
        out.println("Worker taking issue-step partitions from queue " + remote.queue() + " with "
                + remote.workerThreads() + " thread(s); stop it with SIGTERM (the chunk in hand is finished first)");
        stopped.await();
        return 0;
    }

    /** Handles one message of the queue. */
    Object take(Object payload, MessageHeaders headers) {
        // counted before the stop flag is read: a stop either sees this message in hand
        // and waits for it, or this message sees the stop and goes back to the queue
        busy.incrementAndGet();
        try {
            return run(payload, headers);
        }
        finally {
            busy.decrementAndGet();
        }
    }

    private Object run(Object payload, MessageHeaders headers) {
        Channel channel = headers.get(AmqpHeaders.CHANNEL, Channel.class);
        Long tag = headers.get(AmqpHeaders.DELIVERY_TAG, Long.class);
        if (stopping) {
            settle(channel, tag, false); // back to the queue for another worker
            return null;
        }
        StepExecutionRequest request;
        try {
            request = PartitionRequests.decode(payload);
        }
        catch (IllegalArgumentException ex) {
            log.error("Dropped a message of queue {}: {}", remote.queue(), ex.getMessage());
            settle(channel, tag, true);
            return null;
        }
        StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
        if (partition == null || partition.getStatus() != BatchStatus.STARTING
                || !partition.getJobExecution().getStatus().isRunning()) {
            log.warn("Dropped the request for step execution {}: {}", request.getStepExecutionId(),
                    partition == null ? "no such step execution" : "it is " + partition.getStatus()
                            + " and its job execution " + partition.getJobExecution().getStatus());
            settle(channel, tag, true);
            return null;
        }
        // acknowledged as it starts: a worker that dies now leaves the partition
        // STARTED for the manager's timeout and restart, never for a second worker
        settle(channel, tag, true);
        log.info("Running partition {} (step execution {}) of job execution {}", partition.getStepName(),
                partition.getId(), partition.getJobExecutionId());
        StepExecution ended = handler.handle(request);
        log.info("Partition {} (step execution {}) ended {}: {} written", ended.getStepName(), ended.getId(),
                ended.getStatus(), ended.getWriteCount());
        return null;
    }

    private static void settle(Channel channel, Long tag, boolean ack) {
        if (channel == null || tag == null) {
            return;
        }
        try {
            if (ack) {
                channel.basicAck(tag, false);
            }
            else {
                channel.basicNack(tag, false, true);
            }
        }
        catch (IOException ex) {
            log.warn("Could not {} message {}: {}", ack ? "acknowledge" : "return", tag, ex.getMessage());
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * The context is closing, before any lifecycle bean stops: no new partition is
     * started, and the running ones end after their chunk in hand.
     */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopPartitions();
    }

    /** The same, when the worker is stopped without the context closing. */
    @Override
    public void stop() {
        running = false;
        stopPartitions();
    }

    private void stopPartitions() {
        stopping = true;
        if (busy.get() > 0) {
            log.warn("Stopping: {} partition(s) in hand end after their current chunk", busy.get());
            inHand.stopAll();
            long deadline = System.nanoTime() + stopTimeout.toNanos();
            while (busy.get() > 0 && System.nanoTime() < deadline) {
                inHand.stopAll();
                try {
                    Thread.sleep(100);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (busy.get() > 0) {
                log.error("{} partition(s) did not stop within {}; the manager's timeout fails the run, restart "
                        + "resumes it", busy.get(), stopTimeout);
            }
        }
        stopped.countDown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

}
