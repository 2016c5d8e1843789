package com.example.cards.issue;

import com.example.cards.crypto.Sealed;

/**
 * A card number as it is stored: encrypted, hashed for uniqueness (the 32 bytes of its
 * keyed hash, the {@code card} table's binary key), masked for display. Never the number
 * itself.
 */
public record IssuedCard(String serviceId, byte[] panHash, Sealed pan, String masked) {

    @Override
    public String toString() {
        return "IssuedCard[" + masked + "]";
    }
}
