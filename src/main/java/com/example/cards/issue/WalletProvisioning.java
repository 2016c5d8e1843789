package com.example.cards.issue;

import java.math.BigInteger;

/**
 * Hands a newly issued mobile card, with its CVC, to the member's wallet. The CVC passes
 * through here and is never stored or logged. The platform's wallet push is outside this
 * job; it plugs in as a bean of this type.
 */
public interface WalletProvisioning {

    void provision(BigInteger userId, String cardApplyNo, String pan, String expiryYymm, String cvc);

}
