package com.example.cards.reference;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.example.cards.request.IssueType;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The card products, read once per run: a few hundred rows at most, so holding them
 * avoids a query per request.
 */
public final class ProductCatalog {

    private final Map<String, Product> products;

    private final Map<String, List<String>> nestedBins;

    private ProductCatalog(Map<String, Product> products) {
        this.products = products;
        // Inactive products count too: the numbers they issued still exist.
        Set<String> bins = products.values().stream().map(Product::bin).collect(Collectors.toSet());
        this.nestedBins = bins.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(),
                    bin -> bins.stream()
                        .filter(other -> other.length() > bin.length() && other.startsWith(bin))
                        .sorted()
                        .toList()));
    }

    public static ProductCatalog load(JdbcTemplate jdbc) {
        var list = jdbc.query("""
                SELECT service_id, product_name, bank_code, kind, issue_types, cash_ic, pre_issue, sibling_service_id,
                       bin, card_length, validity_months, delivery_class, cvk_alias, status
                  FROM card_product
                """, (rs, i) -> new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                issueTypes(rs.getString(5)), "Y".equals(rs.getString(6)), "Y".equals(rs.getString(7)), rs.getString(8),
                rs.getString(9), rs.getInt(10), rs.getInt(11), rs.getString(12), rs.getString(13), rs.getString(14)));
        return new ProductCatalog(
                list.stream().collect(Collectors.toUnmodifiableMap(Product::serviceId, Function.identity())));
    }

    static Set<IssueType> issueTypes(String joined) {
        Set<IssueType> types = EnumSet.noneOf(IssueType.class);
        if (joined != null) {
            Arrays.stream(joined.split("\\|"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(s -> types.add(IssueType.valueOf(s)));
        }
        return types;
    }

    /** The product, or {@code null} when there is none with that id. */
    public Product find(String serviceId) {
        return serviceId == null ? null : products.get(serviceId);
    }

    /**
     * The longer BINs that lie inside {@code bin} (an 8-digit BIN within a 6-digit one):
     * numbers of {@code bin} must avoid them, or a card of one product could repeat a
     * card of the other.
     */
    public List<String> binsNestedIn(String bin) {
        return nestedBins.getOrDefault(bin, List.of());
    }

    public int size() {
        return products.size();
    }

}
