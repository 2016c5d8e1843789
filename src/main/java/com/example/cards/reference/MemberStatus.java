package com.example.cards.reference;

/**
 * The statuses a wallet member can have ({@code wallet_member.status}). Only an
 * {@link #ACTIVE} member can be issued a card.
 */
public enum MemberStatus {

    ACTIVE, DORMANT, WITHDRAWN

}
