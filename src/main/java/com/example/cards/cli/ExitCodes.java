package com.example.cards.cli;

/** The exit codes a scheduler can act on; README.md lists them. */
public final class ExitCodes {

    /** The job completed; rejected records are a normal outcome. */
    public static final int COMPLETED = 0;

    /**
     * The job failed; launching it again with the same batch id and run date resumes it.
     */
    public static final int FAILED = 1;

    /** Bad parameters or a bad input file: stopped before anything was issued. */
    public static final int INVALID_INPUT = 2;

    /** This batch and run date completed before: nothing was done. */
    public static final int ALREADY_COMPLETED = 3;

    /** The run was stopped (restartable). */
    public static final int STOPPED = 4;

    /** The same batch is already running elsewhere: this launch was refused. */
    public static final int ALREADY_RUNNING = 5;

    private ExitCodes() {
    }

}
