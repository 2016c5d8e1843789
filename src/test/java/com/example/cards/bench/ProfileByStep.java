package com.example.cards.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where each step of a run spent its time, from a JFR recording of the job's JVM
 * ({@code jobs/benchmark.sh --profile}). Each execution sample (a thread running Java
 * code) and each native-method sample (a thread inside native code: mostly waiting on a
 * socket for the database, or on a file; threads idle in an event loop or an accept are
 * left out) is assigned to the step whose window holds its timestamp, then counted by the
 * kind of code at the top of its stack ({@link #kind}) and by method. The step windows
 * come from the job repository, as local date-times of the machine that ran the job.
 *
 * <p>
 * Usage: {@code ProfileByStep recording.jfr step=start..end ...}, for example
 * {@code issueCards=2026-11-30T22:23:02.388..2026-11-30T22:24:08.011}.
 */
public final class ProfileByStep {

    private static final int TOP_METHODS = 12;

    private ProfileByStep() {
    }

    public static void main(String[] args) throws IOException {
        Path recording = Path.of(args[0]);
        List<Window> windows = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            windows.add(Window.parse(args[i]));
        }
        Map<String, Tally> tallies = new LinkedHashMap<>();
        windows.forEach((window) -> tallies.put(window.step(), new Tally()));
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                boolean running = type.equals("jdk.ExecutionSample");
                if (!running && !type.equals("jdk.NativeMethodSample")) {
                    continue;
                }
                Window window = Window.at(windows, event.getStartTime());
                RecordedStackTrace stack = event.getStackTrace();
                if (window == null || stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                if (!running && idle(stack.getFrames().get(0))) {
                    continue;
                }
                tallies.get(window.step()).add(running, stack.getFrames());
            }
        }
        for (Window window : windows) {
            tallies.get(window.step()).print(window);
        }
    }

    /**
     * Whether a native frame is a thread waiting for work (a server socket, an event
     * loop), not for the database or a file: such samples are left out.
     */
    static boolean idle(RecordedFrame top) {
        String method = top.getMethod().getType().getName() + "." + top.getMethod().getName();
        return method.endsWith("EPoll.wait") || method.endsWith("Net.accept") || method.endsWith("Net.poll");
    }

    /**
     * The kind of code a frame belongs to, by its package: what the profile is summed by.
     */
    static String kind(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        if (type.startsWith("org.h2.")) {
            return "H2 engine";
        }
        if (type.startsWith("org.postgresql.")) {
            return "PostgreSQL driver";
        }
        if (type.startsWith("com.example.cards.crypto.") || type.startsWith("javax.crypto.")
                || type.startsWith("com.sun.crypto.") || type.startsWith("sun.security.")
                || type.startsWith("org.bouncycastle.") || type.startsWith("com.nimbusds.")) {
            return "cryptography";
        }
        if (type.startsWith("com.example.cards.")) {
            return "the job's own code";
        }
        if (type.startsWith("org.springframework.") || type.startsWith("com.zaxxer.")) {
            return "Spring, Spring Batch, pool";
        }
        if (type.startsWith("java.io.") || type.startsWith("java.nio.") || type.startsWith("sun.nio.")
                || type.startsWith("sun.nio.cs.") || type.startsWith("java.net.") || type.startsWith("sun.net.")) {
            return "I/O, sockets, charsets";
        }
        if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
            return "JDK (collections, strings, time)";
        }
        return "other libraries";
    }

    record Window(String step, Instant start, Instant end) {

        static Window parse(String arg) {
            int eq = arg.indexOf('=');
            String[] range = arg.substring(eq + 1).split("\\.\\.");
            ZoneId zone = ZoneId.systemDefault();
            return new Window(arg.substring(0, eq), LocalDateTime.parse(range[0]).atZone(zone).toInstant(),
                    LocalDateTime.parse(range[1]).atZone(zone).toInstant());
        }

        static Window at(List<Window> windows, Instant time) {
            for (Window window : windows) {
                if (!time.isBefore(window.start()) && time.isBefore(window.end())) {
                    return window;
                }
            }
            return null;
        }

    }

    private static final class Tally {

        private long running;

        private long inNative;

        private final Map<String, Long> kinds = new HashMap<>();

        private final Map<String, Long> methods = new HashMap<>();

        private final Map<String, Long> nativeWaits = new HashMap<>();

        void add(boolean isRunning, List<RecordedFrame> frames) {
            RecordedFrame top = frames.get(0);
            if (isRunning) {
                this.running++;
                this.kinds.merge(kind(top), 1L, Long::sum);
                this.methods.merge(name(top), 1L, Long::sum);
            }
            else {
                this.inNative++;
                // the first frame outside the JDK names who waits (the driver, the H2
                // file store, ...)
                RecordedFrame caller = frames.stream()
                    .filter((frame) -> !kind(frame).startsWith("I/O") && !kind(frame).startsWith("JDK"))
                    .findFirst()
                    .orElse(top);
                this.nativeWaits.merge(kind(caller) + " (" + name(top) + ")", 1L, Long::sum);
            }
        }

        void print(Window window) {
            double seconds = (window.end().toEpochMilli() - window.start().toEpochMilli()) / 1000.0;
            System.out.printf("%n== %s: %.1f s; %d samples running Java code, %d inside native code ==%n",
                    window.step(), seconds, this.running, this.inNative);
            System.out.println("running Java code, by kind of code at the top of the stack:");
            printShares(this.kinds, this.running, Integer.MAX_VALUE);
            System.out.println("running Java code, hottest methods:");
            printShares(this.methods, this.running, TOP_METHODS);
            System.out.println("inside native code (waiting on the database, a socket or a file), by caller:");
            printShares(this.nativeWaits, this.inNative, 6);
        }

        private static void printShares(Map<String, Long> counts, long total, int limit) {
            counts.entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach((entry) -> System.out.printf("  %5.1f%%  %s%n", 100.0 * entry.getValue() / Math.max(1, total),
                        entry.getKey()));
        }

        private static String name(RecordedFrame frame) {
            String type = frame.getMethod().getType().getName();
            return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
        }

    }

}
