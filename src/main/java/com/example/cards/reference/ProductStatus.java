package com.example.cards.reference;

/**
 * The statuses a card product can have ({@code card_product.status}). Only an
 * {@link #ACTIVE} product is issued.
 */
public enum ProductStatus {

    ACTIVE, INACTIVE

}
