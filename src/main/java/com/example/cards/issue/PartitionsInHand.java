package com.example.cards.issue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The issue step's partitions running in this process, so that a worker asked to stop can
 * end each one at its next chunk boundary ({@link StepExecution#setTerminateOnly()}: the
 * chunk in hand is committed, then the partition ends STOPPED and restartable).
 */
public class PartitionsInHand implements StepExecutionListener {

    private final Set<StepExecution> running = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeStep(StepExecution stepExecution) {
        running.add(stepExecution);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        running.remove(stepExecution);
        return null;
    }

    /** Asks every running partition to stop after its current chunk. */
    void stopAll() {
        running.forEach(StepExecution::setTerminateOnly);
    }

    boolean isEmpty() {
        return running.isEmpty();
    }

    int size() {
        return running.size();
    }

}
