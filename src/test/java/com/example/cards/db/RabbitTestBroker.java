package com.example.cards.db;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The RabbitMQ broker the remote-partitioning integration tests run against:
 * {@code ISSUANCE_TEST_RABBITMQ_URL} (for example
 * {@code amqp://guest:guest@127.0.0.1:5672}). Each test names queues of its own
 * ({@link #newQueue}), deleted when the test JVM ends, so runs in parallel do not meet.
 */
final class RabbitTestBroker {

    static final String URL_VARIABLE = "ISSUANCE_TEST_RABBITMQ_URL";

    static final String REQUIRED_VARIABLE = "ISSUANCE_TEST_RABBITMQ_REQUIRED";

    private static CachingConnectionFactory connectionFactory;

    private RabbitTestBroker() {
    }

    static String url() {
        return System.getenv(URL_VARIABLE);
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE));
    }

    /** The test JVM's own connection, for looking at queues. */
    static synchronized CachingConnectionFactory connectionFactory() {
        if (connectionFactory == null) {
            CachingConnectionFactory factory = new CachingConnectionFactory();
            factory.setUri(url());
            connectionFactory = factory;
            Runtime.getRuntime().addShutdownHook(new Thread(factory::destroy, "rabbit-test-broker"));
        }
        return connectionFactory;
    }

    /** A fresh queue name, deleted when the test JVM ends. */
    static String newQueue(String purpose) {
        String name = "issuance-it-" + purpose + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        RabbitAdmin admin = new RabbitAdmin(connectionFactory());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> admin.deleteQueue(name), "delete-" + name));
        return name;
    }

    /** The application's options that point it at the test broker and the given queue. */
    static List<String> applicationOptions(String queue) {
        return List.of("--spring.rabbitmq.addresses=" + url(), "--issuance.remote.queue=" + queue);
    }

}
