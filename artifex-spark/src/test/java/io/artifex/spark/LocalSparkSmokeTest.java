package io.artifex.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class LocalSparkSmokeTest {
  @Test
  void localTwoRuns() {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("smoke")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      int sum = sc.parallelize(List.of(1, 2, 3, 4), 2).map(x -> x * x).reduce(Integer::sum);
      assertThat(sum).isEqualTo(30);
      assertThat(spark.range(10).count()).isEqualTo(10);
    } finally {
      spark.stop();
    }
  }
}
