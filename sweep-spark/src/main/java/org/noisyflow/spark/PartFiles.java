package org.noisyflow.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.noisyflow.plan.SweepPlan;

/**
 * The per-task Parquet files of a running sweep, under {@code DIR/_parts/TABLE/}. A task writes
 * the rows of its point range to a hidden temporary file and renames it to
 * {@code part-FROM-TO.parquet} when the range is complete. A file under its final name therefore
 * contains every row of its range, and a crash loses only the ranges in flight. Readers skip
 * the hidden temporary files because their names start with a dot.
 */
final class PartFiles {
    static final String PARTS = "_parts";
    /** The file under _parts/ that contains the hash of the spec the part files belong to. */
    static final String SPEC_HASH = "spec-hash.txt";
    private static final Pattern NAME = Pattern.compile("part-(\\d+)-(\\d+)\\.parquet");

    private PartFiles() {
    }

    /** Returns the directory of a table's part files. */
    static Path directory(Path out, String table) {
        return new Path(new Path(out, PARTS), table);
    }

    /** Returns the final name of the part file of a range. */
    static String name(SweepPlan.Range range) {
        return "part-" + range.from() + "-" + range.to() + ".parquet";
    }

    /** Returns the ranges whose part file of {@code table} exists, in no particular order. */
    static List<SweepPlan.Range> finished(FileSystem fs, Path out, String table) throws IOException {
        Path dir = directory(out, table);
        List<SweepPlan.Range> ranges = new ArrayList<>();
        if (!fs.exists(dir)) {
            return ranges;
        }
        for (FileStatus status : fs.listStatus(dir)) {
            Matcher m = NAME.matcher(status.getPath().getName());
            if (m.matches()) {
                ranges.add(new SweepPlan.Range(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
            }
        }
        return ranges;
    }

    /** Converts a Spark schema of string, long, int and double columns to a Parquet message type. */
    static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (StructField field : schema.fields()) {
            Type.Repetition repetition = field.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            DataType type = field.dataType();
            if (type.equals(DataTypes.StringType)) {
                builder.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
                        .named(field.name());
            } else if (type.equals(DataTypes.LongType)) {
                builder.primitive(PrimitiveTypeName.INT64, repetition).named(field.name());
            } else if (type.equals(DataTypes.IntegerType)) {
                builder.primitive(PrimitiveTypeName.INT32, repetition).named(field.name());
            } else if (type.equals(DataTypes.DoubleType)) {
                builder.primitive(PrimitiveTypeName.DOUBLE, repetition).named(field.name());
            } else {
                throw new IllegalArgumentException("column " + field.name() + " has type " + type
                        + ", which part files do not store");
            }
        }
        return builder.named("spark_schema");
    }

    /** The Hadoop settings of the driver, carried to the executors. */
    static final class Settings implements Serializable {
        private final HashMap<String, String> values = new HashMap<>();

        Settings(Configuration conf) {
            for (Map.Entry<String, String> e : conf) {
                values.put(e.getKey(), e.getValue());
            }
        }

        Configuration configuration() {
            Configuration conf = new Configuration(false);
            values.forEach(conf::set);
            return conf;
        }
    }

    /** Writes one table's rows of one range to a temporary file, then commits it under its final name. */
    static final class Writer implements AutoCloseable {
        private final FileSystem fs;
        private final Path temporary;
        private final Path target;
        private final StructType schema;
        private final SimpleGroupFactory groups;
        private final ParquetWriter<Group> writer;
        private long rows;

        Writer(Configuration conf, Path out, String table, SweepPlan.Range range, StructType schema)
                throws IOException {
            Path dir = directory(out, table);
            this.fs = dir.getFileSystem(conf);
            this.target = new Path(dir, name(range));
            this.temporary = new Path(dir, "." + name(range) + "." + UUID.randomUUID() + ".tmp");
            this.schema = schema;
            MessageType type = parquetSchema(schema);
            this.groups = new SimpleGroupFactory(type);
            fs.mkdirs(dir);
            this.writer = ExampleParquetWriter.builder(temporary).withConf(conf).withType(type)
                    .withCompressionCodec(CompressionCodecName.SNAPPY).build();
        }

        void write(Row row) throws IOException {
            Group group = groups.newGroup();
            StructField[] fields = schema.fields();
            for (int i = 0; i < fields.length; i++) {
                if (row.isNullAt(i)) {
                    continue;
                }
                DataType type = fields[i].dataType();
                String name = fields[i].name();
                if (type.equals(DataTypes.StringType)) {
                    group.append(name, row.getString(i));
                } else if (type.equals(DataTypes.LongType)) {
                    group.append(name, row.getLong(i));
                } else if (type.equals(DataTypes.IntegerType)) {
                    group.append(name, row.getInt(i));
                } else {
                    group.append(name, row.getDouble(i));
                }
            }
            writer.write(group);
            rows++;
        }

        long rows() {
            return rows;
        }

        /**
         * Closes the file and renames it to its final name. If another attempt at the same range
         * committed first, its file stays and this one is deleted: both hold the same rows,
         * because every run is a function of the spec.
         */
        void commit() throws IOException {
            writer.close();
            if (fs.exists(target) || !fs.rename(temporary, target)) {
                fs.delete(temporary, false);
            }
        }

        /** Closes and deletes the temporary file of an attempt that did not finish. */
        @Override
        public void close() throws IOException {
            if (fs.exists(temporary)) {
                try {
                    writer.close();
                } finally {
                    fs.delete(temporary, false);
                }
            }
        }
    }
}
