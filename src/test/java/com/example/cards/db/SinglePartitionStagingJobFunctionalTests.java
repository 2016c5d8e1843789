package com.example.cards.db;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample file staged by one partition reading the whole file: the same reference
 * outcome (inherited test).
 */
@SpringBootTest(properties = "issuance.staging-partitions=1")
class SinglePartitionStagingJobFunctionalTests extends SampleJobFunctionalTests {

}
