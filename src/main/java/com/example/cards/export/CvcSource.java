package com.example.cards.export;

/**
 * Derives a mobile card's CVC2 at export time, under the CVK of the card's product, so
 * the CVC is never stored. The issue layer's calculator plugs in here (wired by the job
 * assemblies, since the export does not reach into the issue layer).
 */
@FunctionalInterface
public interface CvcSource {

    /**
     * @param cvkAlias the product's CVK alias
     * @param pan the card number
     * @param expiryYymm the expiry as YYMM
     * @return the three-digit CVC2; never logged
     */
    String cvc(String cvkAlias, String pan, String expiryYymm);

}
