package com.example.cards.run;

import java.util.List;

/**
 * The names of the four jobs, as the job repository records them and the command line
 * takes them.
 */
public final class JobNames {

    /** A CSV file: register, stage, issue, export. */
    public static final String ISSUE_CARDS = "issueCardsJob";

    /** A staging-table batch written by upstream systems: claim, issue, export. */
    public static final String ISSUE_STAGED = "issueStagedJob";

    /** The retryable rejections of a completed batch: select, issue, export deltas. */
    public static final String RERUN_FAILED = "rerunFailedJob";

    /** A dry run of a CSV file: every decision, nothing issued. */
    public static final String PREVIEW_CARDS = "previewCardsJob";

    /** All of them, in the order the commands list them. */
    public static final List<String> ALL = List.of(ISSUE_CARDS, ISSUE_STAGED, RERUN_FAILED, PREVIEW_CARDS);

    private JobNames() {
    }

}
