package com.example.cards.output;

/** The query arguments of a writer that exports a whole batch, or only the requests one rerun retried. */
final class RerunFilter {

    private RerunFilter() {
    }

    static Object[] arguments(String batchId, Integer rerunNo) {
        return rerunNo == null ? new Object[] { batchId } : new Object[] { batchId, rerunNo };
    }
}
