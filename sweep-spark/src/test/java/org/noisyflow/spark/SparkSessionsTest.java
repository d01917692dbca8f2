package org.noisyflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {

    @Test
    void configuredMasterWins() {
        String saved = System.getProperty("spark.master");
        System.setProperty("spark.master", "local[1]");
        SparkSession spark = SparkSessions.forSweep("master-test");
        try {
            assertEquals("local[1]", spark.sparkContext().master());
            assertEquals("noisyflow-master-test", spark.sparkContext().appName());
        } finally {
            spark.stop();
            if (saved == null) {
                System.clearProperty("spark.master");
            } else {
                System.setProperty("spark.master", saved);
            }
        }
    }

    @Test
    void localModeOnAllCoresByDefault() {
        String saved = System.clearProperty("spark.master");
        SparkSession spark = SparkSessions.forSweep("default-test");
        try {
            assertEquals(SparkSessions.DEFAULT_MASTER, spark.sparkContext().master());
            assertEquals("TIMESTAMP_MICROS", spark.conf().get("spark.sql.parquet.outputTimestampType"));
        } finally {
            spark.stop();
            if (saved != null) {
                System.setProperty("spark.master", saved);
            }
        }
    }
}
