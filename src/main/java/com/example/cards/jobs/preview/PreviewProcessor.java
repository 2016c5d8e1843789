package com.example.cards.jobs.preview;

import com.example.cards.issue.IssuanceOutcome;
import com.example.cards.issue.IssuanceProcessor;
import com.example.cards.issue.IssuanceRules;
import com.example.cards.issue.PendingRequest;
import com.example.cards.request.CorrelationIds;
import com.example.cards.request.ResultCode;

import org.slf4j.MDC;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * A preview's processor: the issuance rules' decision only ({@link IssuanceRules}, the
 * same rules in the same order as {@link IssuanceProcessor}), without issuing. A request
 * that passes every rule comes out with code {@code 000_000} and no application: nothing
 * is issued and no card number is allocated.
 */
public class PreviewProcessor implements ItemProcessor<PendingRequest, IssuanceOutcome> {

    private final IssuanceRules rules;

    private final CorrelationIds correlationIds;

    public PreviewProcessor(IssuanceRules rules, CorrelationIds correlationIds) {
        this.rules = rules;
        this.correlationIds = correlationIds;
    }

    @Override
    public IssuanceOutcome process(PendingRequest item) {
        String correlationId = correlationIds.next();
        MDC.put("correlationId", correlationId);
        try {
            if (rules.decide(item) instanceof IssuanceRules.Rejected rejected) {
                return IssuanceOutcome.rejected(item.id(), correlationId, rejected.code(), rejected.field());
            }
            return new IssuanceOutcome(item.id(), correlationId, ResultCode.SUCCESS, ResultCode.SUCCESS.message(),
                    null);
        }
        finally {
            MDC.remove("correlationId");
        }
    }

}
