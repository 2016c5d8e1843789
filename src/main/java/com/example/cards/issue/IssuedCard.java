package com.example.cards.issue;

import com.example.cards.crypto.Sealed;

/**
 * A card number as it is stored: encrypted, hashed for uniqueness, masked for display.
 * Never the number itself.
 */
public record IssuedCard(String serviceId, String panHash, Sealed pan, String masked) {

    @Override
    public String toString() {
        return "IssuedCard[" + masked + "]";
    }
}
