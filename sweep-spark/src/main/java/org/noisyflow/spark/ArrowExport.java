package org.noisyflow.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes rows as an Arrow IPC file (the random-access "Feather v2" format), in record batches of
 * a fixed size so that memory stays bounded however many rows there are.
 */
public final class ArrowExport {
    /** Rows per record batch. */
    static final int BATCH_ROWS = 8192;

    private ArrowExport() {
    }

    /** Maps a Spark schema of long, int, double and string columns to an Arrow schema. */
    public static Schema arrowSchema(StructType schema) {
        List<Field> fields = new ArrayList<>();
        for (StructField f : schema.fields()) {
            fields.add(new Field(f.name(), new FieldType(f.nullable(), arrowType(f.dataType()), null), null));
        }
        return new Schema(fields);
    }

    /**
     * Writes {@code rows} to {@code out} and closes it.
     *
     * @return the number of rows written
     */
    public static long write(StructType schema, Iterator<Row> rows, OutputStream out) throws IOException {
        long written = 0;
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema(schema), allocator);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            List<FieldVector> vectors = root.getFieldVectors();
            int inBatch = 0;
            while (rows.hasNext()) {
                Row row = rows.next();
                for (int c = 0; c < vectors.size(); c++) {
                    set(vectors.get(c), inBatch, row.isNullAt(c) ? null : row.get(c));
                }
                inBatch++;
                written++;
                if (inBatch == BATCH_ROWS) {
                    flush(root, writer, inBatch);
                    inBatch = 0;
                }
            }
            if (inBatch > 0 || written == 0) {
                flush(root, writer, inBatch);
            }
            writer.end();
        } finally {
            out.close();
        }
        return written;
    }

    private static void flush(VectorSchemaRoot root, ArrowFileWriter writer, int rows) throws IOException {
        root.setRowCount(rows);
        writer.writeBatch();
        for (FieldVector vector : root.getFieldVectors()) {
            vector.reset();
        }
    }

    private static void set(FieldVector vector, int index, Object value) {
        if (value == null) {
            vector.setNull(index);
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(index, (Long) value);
        } else if (vector instanceof IntVector v) {
            v.setSafe(index, (Integer) value);
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(index, (Double) value);
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(index, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalStateException("no Arrow mapping for " + vector.getClass().getSimpleName());
        }
    }

    private static ArrowType arrowType(DataType type) {
        if (type.equals(DataTypes.LongType)) {
            return new ArrowType.Int(64, true);
        }
        if (type.equals(DataTypes.IntegerType)) {
            return new ArrowType.Int(32, true);
        }
        if (type.equals(DataTypes.DoubleType)) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        }
        if (type.equals(DataTypes.StringType)) {
            return ArrowType.Utf8.INSTANCE;
        }
        throw new IllegalArgumentException("no Arrow mapping for Spark type " + type);
    }
}
