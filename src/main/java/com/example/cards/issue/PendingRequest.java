package com.example.cards.issue;

import com.example.cards.crypto.Sealed;
import com.example.cards.reference.Member;
import com.example.cards.request.RequestFields;

/**
 * A request waiting to be issued, as read by the issue step.
 *
 * @param id the request row's key
 * @param lineNo where the request stands in its input
 * @param fields the request's fields; {@code socialNo} is {@code null} here, it travels
 * encrypted in {@code socialNo}
 * @param socialNo the encrypted RRN, or {@code null} when none was given
 * @param duplicate an earlier line of the same batch carries the same requestId
 * @param member the member with the request's userId, or {@code null} when there is none
 */
public record PendingRequest(long id, long lineNo, RequestFields fields, Sealed socialNo, boolean duplicate,
        Member member) {

    @Override
    public String toString() {
        return "PendingRequest[id=" + id + ", line=" + lineNo + "]";
    }
}
