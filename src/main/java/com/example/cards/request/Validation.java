package com.example.cards.request;

/**
 * Outcome of checking one request's format: either the normalised request or the first
 * field that failed.
 */
public sealed interface Validation permits Validation.Valid, Validation.Invalid {

    /** Every field passed; {@code request} holds the normalised values. */
    record Valid(ValidRequest request) implements Validation {
    }

    /**
     * The first failing field in the validator's fixed order.
     *
     * @param field the column name exactly as in {@link RequestFields#COLUMNS} (e.g.
     * {@code "socialNo"}), because the API's {@code 000_002} message names the field this
     * way
     */
    record Invalid(String field) implements Validation {
    }

}
