package com.example.cards.issue;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each write attempt of a chunk inside a savepoint of the chunk's transaction.
 * Spring Batch 6 retries a failed write within the same transaction, so without the
 * savepoint a fault that strikes after the applications were inserted would leave them
 * behind, and the retry would then collide with them. With it, a failed attempt is rolled
 * back to the savepoint and the retry starts clean.
 */
public class SavepointItemWriter<T> implements ItemWriter<T> {

    private final ItemWriter<T> delegate;

    private final TransactionTemplate nested;

    public SavepointItemWriter(ItemWriter<T> delegate, PlatformTransactionManager transactionManager) {
        this.delegate = delegate;
        this.nested = new TransactionTemplate(transactionManager);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public void write(Chunk<? extends T> chunk) throws Exception {
        try {
            nested.executeWithoutResult(status -> {
                try {
                    delegate.write(chunk);
                }
                catch (RuntimeException ex) {
                    throw ex;
                }
                catch (Exception ex) {
                    throw new WrappedCheckedException(ex);
                }
            });
        }
        catch (WrappedCheckedException ex) {
            throw (Exception) ex.getCause();
        }
    }

    private static final class WrappedCheckedException extends RuntimeException {

        WrappedCheckedException(Exception cause) {
            super(cause);
        }

    }

}
