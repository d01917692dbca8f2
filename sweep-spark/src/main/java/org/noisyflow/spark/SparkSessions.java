package org.noisyflow.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Creates the Spark session for a sweep. */
public final class SparkSessions {
    /** Master used when neither spark-submit nor a system property sets one. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    /**
     * Returns a session for the sweep {@code name}. A master given through spark-submit,
     * {@code -Dspark.master} or spark-defaults wins; without one the session runs in local mode
     * on all cores, with the web UI off and the driver bound to the loopback address.
     */
    public static SparkSession forSweep(String name) {
        SparkConf conf = new SparkConf();
        conf.setIfMissing("spark.app.name", "noisyflow-" + name);
        if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        // Parquet written with INT96 timestamps is deprecated and read differently by tools.
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        // Summaries have one column per parameter and observable, more than Spark's default of 25
        // fields in plan descriptions, which it otherwise warns about on every sweep.
        conf.setIfMissing("spark.sql.debug.maxToStringFields", "1000");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
