package com.example.cards.issue;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.example.cards.reference.Product;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out card numbers: a counter per BIN lives in the database ({@code bin_counter})
 * and is mapped through the keyed FF1 permutation, so numbers are unique by construction
 * and never sequential. Counter ranges are taken in a transaction of their own, so
 * threads, partitions and processes never hold a lock for longer than one update, and a
 * rolled-back chunk only leaves a gap.
 */
public class CardNumberAllocator {

    private final JdbcTemplate jdbc;

    private final TransactionTemplate newTransaction;

    private final CardNumberPermutation permutation;

    private final int rangeSize;

    private final ConcurrentMap<String, Range> ranges = new ConcurrentHashMap<>();

    public CardNumberAllocator(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            CardNumberPermutation permutation, int rangeSize) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.permutation = permutation;
        this.rangeSize = rangeSize;
    }

    /**
     * A new card number under the product's BIN that does not fall under any of
     * {@code nestedBins} (longer BINs of other products inside this one), so numbers stay
     * unique across products however their BINs nest.
     */
    public String next(Product product, List<String> nestedBins) {
        String pan = next(product);
        while (startsWithAny(pan, nestedBins)) {
            pan = next(product);
        }
        return pan;
    }

    private static boolean startsWithAny(String pan, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (pan.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A new card number under the product's BIN. */
    public String next(Product product) {
        Range range = ranges.computeIfAbsent(product.bin(), bin -> new Range());
        long counter;
        synchronized (range) {
            if (range.next >= range.end) {
                take(range, product);
            }
            counter = range.next++;
        }
        return permutation.cardNumber(product.bin(), product.cardLength(), counter);
    }

    private void take(Range range, Product product) {
        long capacity = CardNumberPermutation.capacity(product.bin(), product.cardLength());
        long end;
        try {
            end = newTransaction.execute(status -> reserve(product.bin()));
        }
        catch (DuplicateKeyException raced) {
            // Another process created the BIN's counter at the same moment; on
            // PostgreSQL the refused INSERT aborted that transaction. Take the range in
            // a new one, where the counter now exists.
            end = newTransaction.execute(status -> reserve(product.bin()));
        }
        long start = end - rangeSize;
        if (start >= capacity) {
            throw new IllegalStateException("BIN " + product.bin() + " is exhausted: all " + capacity
                    + " card numbers of product " + product.serviceId() + " have been issued");
        }
        range.next = start;
        range.end = Math.min(end, capacity);
    }

    /**
     * Moves the BIN's counter on by one range and returns its new value (the end of the
     * range taken).
     */
    private long reserve(String bin) {
        int updated = jdbc.update("UPDATE bin_counter SET next_value = next_value + ? WHERE bin = ?", rangeSize, bin);
        if (updated == 0) {
            // a counter created meanwhile: DuplicateKeyException, handled by take()
            jdbc.update("INSERT INTO bin_counter (bin, next_value) VALUES (?, ?)", bin, rangeSize);
            return rangeSize;
        }
        Long value = jdbc.queryForObject("SELECT next_value FROM bin_counter WHERE bin = ?", Long.class, bin);
        return value;
    }

    private static final class Range {

        long next;

        long end;

    }

}
