package com.example.cards.request;

/** How a card is issued. */
public enum IssueType {

    /** Plastic card only. */
    PHYSICAL,

    /** A mobile card is issued now and the plastic card follows. */
    PRE_ISSUE

}
