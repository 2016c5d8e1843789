package com.example.cards.run;

/** Keys of the job execution context that one step writes and later steps read. */
public final class RunContext {

    /** The input file's SHA-256, recorded when the batch is registered. */
    public static final String INPUT_SHA256 = "inputSha256";

    /**
     * Whether the input file started with a byte-order mark, so outputs are written the
     * same way.
     */
    public static final String INPUT_BOM = "inputBom";

    /**
     * Previews: the submission the preview looked at (new, or the batch already
     * registered under that id).
     */
    public static final String SUBMISSION = "previewSubmission";

    /**
     * Staging runs: the run date the rows were claimed for (yyyy-MM-dd); absent for CSV
     * runs.
     */
    public static final String CLAIM_RUN_DATE = "claimRunDate";

    /**
     * The export's report of the card-data file: its path and key, or why none was
     * written; printed at the end of the run.
     */
    public static final String CARD_DATA_REPORT = "cardDataReport";

    /** The manifest file the export wrote (plain or {@code .pgp}), for the report. */
    public static final String MANIFEST_FILE = "manifestFile";

    private RunContext() {
    }

}
