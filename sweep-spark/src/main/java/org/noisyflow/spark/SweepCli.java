package org.noisyflow.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.noisyflow.spec.SpecException;
import org.noisyflow.spec.SpecParser;
import org.noisyflow.spec.SweepSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Command-line entry point: {@code sweep run SPEC --out DIR}. Runs under {@code scripts/sweep}
 * and under {@code spark-submit --class org.noisyflow.spark.SweepCli}.
 *
 * <p>Exit status: 0 when the sweep finished (rows of failed or diverged points included), 2 for
 * an invalid sweep file or command line, 1 when the job itself failed.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = SweepCli.Version.class,
        description = "Runs parameter sweeps of noisy gradient flows on Spark.",
        subcommands = {SweepCli.Run.class, SweepCli.Plan.class, SweepCli.Analyze.class, SweepCli.Status.class,
            SweepCli.Refine.class})
public final class SweepCli implements Callable<Integer> {
    /** Exit status for an invalid spec or command line. */
    public static final int EXIT_INVALID = 2;
    /** Exit status for a job that failed after it started. */
    public static final int EXIT_FAILED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(SweepCli.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status, without exiting the JVM. */
    public static int execute(String... args) {
        // picocli returns 2 (its ExitCode.USAGE, equal to EXIT_INVALID) for invalid options.
        CommandLine cli = new CommandLine(new SweepCli());
        return cli.execute(args);
    }

    /**
     * Checks --partitions and parses the sweep file, printing the problem and returning null when
     * either is invalid.
     */
    static SweepSpec parseSpec(Path specFile, int partitions, PrintWriter err) {
        if (partitions < 0) {
            err.println("Invalid option --partitions " + partitions + ": give 0 (automatic) or a "
                    + "positive number of tasks.");
            return null;
        }
        try {
            return SpecParser.parse(specFile);
        } catch (SpecException e) {
            err.println(e.getMessage());
            return null;
        }
    }

    @Override
    public Integer call() {
        commandSpec.commandLine().getErr().println("Missing command. Fix: run 'sweep run SPEC --out DIR', or 'sweep --help' for plan, analyze and status.");
        commandSpec.commandLine().usage(commandSpec.commandLine().getErr());
        return EXIT_INVALID;
    }

    /** {@code sweep run}: validates a sweep file, runs it and writes the tables. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Runs every point and replicate of a sweep file and writes "
                    + "DIR/summary/ (Parquet), DIR/summary.arrow, DIR/spec.yaml and DIR/manifest.json.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SPEC", description = "the sweep file (YAML)")
        Path specFile;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "output directory, a local path or a Hadoop URI such as hdfs://...; "
                        + "rerunning on the same DIR resumes an interrupted sweep of the same file")
        String outDir;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
                description = "number of Spark tasks; 0 (default) means four per core")
        int partitions;

        @Option(names = "--analyze", description = "run 'sweep analyze DIR' with its defaults after the sweep")
        boolean analyze;

        @Option(names = "--force", description = "delete the results in DIR first, even those of another sweep file")
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            PrintWriter out = commandSpec.commandLine().getOut();
            PrintWriter err = commandSpec.commandLine().getErr();
            SweepSpec spec = parseSpec(specFile, partitions, err);
            if (spec == null) {
                return EXIT_INVALID;
            }
            for (String warning : spec.warnings()) {
                err.println("Warning: " + warning);
            }
            err.flush();
            String localProblem = checkLocalOutput(outDir, spec, force);
            if (localProblem != null) {
                err.println(localProblem);
                return EXIT_INVALID;
            }
            long points = spec.points().count();
            long rawPoints = spec.points().rawCount();
            String filtered = points == rawPoints ? ""
                    : " (the where constraints skip " + (rawPoints - points) + " of " + rawPoints + ")";
            out.printf("noisyflow: sweep %s (%s): %d points x %d replicates%s%n", spec.name(),
                    spec.solverId(), points, spec.replicates(), filtered);
            out.flush();

            SparkSession spark;
            try {
                spark = SparkSessions.forSweep(spec.name());
            } catch (RuntimeException e) {
                LOG.error("Spark did not start", e);
                err.println("Spark could not start: " + e.getMessage() + ". Fix: check the master and "
                        + "other spark.* settings given to the JVM or spark-submit.");
                return EXIT_INVALID;
            }
            String dirText = outDir;
            try {
                SweepJob job = new SweepJob(spark, spec, outDir, line -> {
                    out.println(line);
                    out.flush();
                });
                org.apache.hadoop.fs.Path dir = job.outputDirectory();
                dirText = dir.toString();
                SweepJob.State state;
                try {
                    state = job.prepare(force);
                } catch (SweepJob.ExistingOutputException e) {
                    err.println(e.getMessage());
                    return EXIT_INVALID;
                }
                if (state == SweepJob.State.COMPLETE) {
                    out.printf("noisyflow: %s already holds every row of this sweep file; nothing to run%n", dir);
                } else {
                    out.printf("noisyflow: running on %s, writing %s%s%n", spark.sparkContext().master(), dir,
                            state == SweepJob.State.RESUME ? " (resuming)" : "");
                }
                out.flush();
                SweepJob.Outcome outcome = job.run(partitions);
                Duration took = Duration.between(outcome.start(), outcome.end());
                out.printf("noisyflow: %d rows %s in %d tasks, %.1f s%n", outcome.rows(),
                        outcome.rowsByStatus(), outcome.tasks(), took.toMillis() / 1000.0);
                String records = outcome.trajectoryRows() > 0 ? spec.solver().trajectoryTable() + "/, " : "";
                out.printf("noisyflow: tables in %s (summary/, %ssummary.arrow, spec.yaml, manifest.json)%n",
                        dir, records);
                if (analyze) {
                    return Analyze.analyze(spark, dir.toString(), new AnalysisJob.Options(null, null, null, null),
                            out, err);
                }
                return 0;
            } catch (IOException | RuntimeException e) {
                LOG.error("sweep {} failed", spec.name(), e);
                err.println("Sweep " + spec.name() + " failed: " + e + ". Spark keeps no rows of an "
                        + "unfinished write. Fix: see the log above for the failing task, then delete "
                        + dirText + " before running again.");
                return EXIT_FAILED;
            } finally {
                spark.stop();
            }
        }

        /**
         * Returns a message if a local output path is a file, or contains results of another sweep
         * file (unless force is set), so that such a mistake costs no Spark start. Returns null
         * otherwise, and for other file systems, which {@link SweepJob#prepare} checks.
         */
        static String checkLocalOutput(String outDir, SweepSpec spec, boolean force) {
            java.net.URI uri;
            try {
                uri = new java.net.URI(outDir);
            } catch (java.net.URISyntaxException e) {
                uri = null;
            }
            if (uri != null && uri.getScheme() != null && !"file".equals(uri.getScheme())) {
                return null;
            }
            Path local = uri != null && uri.getScheme() != null ? Path.of(uri) : Path.of(outDir);
            if (java.nio.file.Files.exists(local) && !java.nio.file.Files.isDirectory(local)) {
                return "Output path " + local.toAbsolutePath() + " is a file. Fix: give a directory "
                        + "with --out.";
            }
            if (force) {
                return null;
            }
            String existing = existingHash(local);
            if (existing != null && !existing.equals(spec.hash())) {
                return "Output directory " + local.toAbsolutePath() + " contains results of another sweep file (spec "
                        + "hash " + existing + "; this file has " + spec.hash() + "). Fix: choose a new --out "
                        + "directory, or give --force to delete the old results.";
            }
            if (existing == null && java.nio.file.Files.exists(local.resolve("summary"))) {
                return "Output directory " + local.toAbsolutePath() + " contains a summary/ without manifest.json or "
                        + "part files, so the spec it belongs to is unknown. Fix: choose a new --out directory, "
                        + "or give --force to delete it.";
            }
            return null;
        }

        /** Returns the spec hash of a local output directory's results, or null when it has none. */
        private static String existingHash(Path local) {
            try {
                Path manifest = local.resolve("manifest.json");
                if (java.nio.file.Files.exists(manifest)) {
                    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile())
                            .path("spec_hash").asText(null);
                }
                Path hash = local.resolve(PartFiles.PARTS).resolve(PartFiles.SPEC_HASH);
                if (java.nio.file.Files.exists(hash)) {
                    return java.nio.file.Files.readString(hash).strip();
                }
            } catch (IOException e) {
                return "unreadable (" + e.getMessage() + ")";
            }
            return null;
        }
    }

    /** {@code sweep refine}: adaptive refinement of the boundary that a refine section describes. */
    @Command(name = "refine", mixinStandardHelpOptions = true,
            description = "Locates a boundary along one parameter in rounds: the coarse grid of its axis, then "
                    + "points where the refine section's criterion places the boundary. With 'across' it splits "
                    + "the cells of the plane of two axes that the boundary crosses. Writes DIR/summary/ "
                    + "(Parquet, with a round column), DIR/analysis/boundary/ (one row per slice, or per located "
                    + "value of the across axis), "
                    + "DIR/summary.arrow, DIR/spec.yaml and DIR/manifest.json.")
    static final class Refine implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SPEC", description = "the sweep file (YAML) with a refine section")
        Path specFile;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "output directory, a local path or a Hadoop URI; rerunning on the same DIR continues "
                        + "from the finished rounds")
        String outDir;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
                description = "Spark tasks per round; 0 (default) means four per core")
        int partitions;

        @Option(names = "--max-rounds", paramLabel = "K", defaultValue = "0",
                description = "stop after K rounds (round 0, the coarse grid, counts); a rerun continues. "
                        + "0 (default) runs until every slice is closed or the budget is spent")
        int maxRounds;

        @Option(names = "--force", description = "delete the results in DIR first, even those of another sweep file")
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            PrintWriter out = commandSpec.commandLine().getOut();
            PrintWriter err = commandSpec.commandLine().getErr();
            if (partitions < 0 || maxRounds < 0) {
                err.println("Invalid option " + (partitions < 0 ? "--partitions " + partitions : "--max-rounds "
                        + maxRounds) + ": give 0 (automatic, or no limit) or a positive number.");
                return EXIT_INVALID;
            }
            org.noisyflow.refine.RefineSpec refine;
            try {
                refine = org.noisyflow.refine.RefineSpec.parse(specFile);
            } catch (SpecException e) {
                err.println(e.getMessage());
                return EXIT_INVALID;
            }
            var settings = refine.settings();
            out.printf("noisyflow: refine %s (%s): %s along %s, criterion %s, tolerance %s, budget %d runs%n",
                    refine.spec().name(), refine.spec().solverId(), settings.observable(), settings.along(),
                    settings.criterion().key(), settings.tolerance(), settings.budget());
            out.flush();
            SparkSession spark;
            try {
                spark = SparkSessions.forSweep(refine.spec().name());
            } catch (RuntimeException e) {
                LOG.error("Spark did not start", e);
                err.println("Spark could not start: " + e.getMessage() + ". Fix: check the master and "
                        + "other spark.* settings given to the JVM or spark-submit.");
                return EXIT_INVALID;
            }
            try {
                RefineJob job = new RefineJob(spark, refine, outDir, line -> {
                    out.println(line);
                    out.flush();
                });
                try {
                    job.prepare(force);
                } catch (SweepJob.ExistingOutputException e) {
                    err.println(e.getMessage());
                    return EXIT_INVALID;
                }
                RefineJob.Outcome outcome = job.run(partitions, maxRounds);
                Duration took = Duration.between(outcome.start(), outcome.end());
                out.printf("noisyflow: %d rounds, %d runs, %.1f s%s%n", outcome.rounds(), outcome.runs(),
                        took.toMillis() / 1000.0, outcome.finished() ? "" : "; stopped by --max-rounds, rerun the "
                                + "same command to continue");
                out.print(settings.across() == null
                        ? BoundaryTable.format(refine.spec(), settings, refine.slices(), outcome.slices(),
                                outcome.table())
                        : BoundaryTable.formatColumns(refine.spec(), settings, refine.slices(), outcome.columns(),
                                outcome.table()));
                out.printf("noisyflow: tables in %s (summary/, analysis/boundary/, summary.arrow, manifest.json)%n",
                        job.outputDirectory());
                out.flush();
                return 0;
            } catch (IOException | RuntimeException e) {
                LOG.error("refinement {} failed", refine.spec().name(), e);
                err.println("Refinement " + refine.spec().name() + " failed: " + e + ". The finished rounds are "
                        + "kept. Fix: see the log above, then rerun the same command to continue.");
                return EXIT_FAILED;
            } finally {
                spark.stop();
            }
        }
    }

    /** {@code sweep analyze}: replicate statistics, transitions, pictures and a report of a finished sweep. */
    @Command(name = "analyze", mixinStandardHelpOptions = true,
            description = "Reads DIR/summary/ and writes DIR/analysis/: points/ and transitions/ (Parquet), "
                    + "pictures (PNG and SVG) and index.html.")
    static final class Analyze implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the --out directory of a finished sweep")
        String dir;

        @Option(names = "--x", paramLabel = "PARAM",
                description = "parameter to locate the transition along; default beta, temperature or kappa "
                        + "when swept, else the first swept numeric parameter")
        String x;

        @Option(names = "--y", paramLabel = "PARAM",
                description = "second parameter of the heat map; default the first other swept numeric parameter")
        String y;

        @Option(names = "--observable", paramLabel = "NAME",
                description = "the order parameter; default magnetization_avg or magnetization when present")
        String observable;

        @Option(names = "--by", paramLabel = "PARAM", split = ",",
                description = "parameters whose values get one line each in the order-parameter picture")
        List<String> by;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            PrintWriter out = commandSpec.commandLine().getOut();
            PrintWriter err = commandSpec.commandLine().getErr();
            if (!dir.contains("://") && !java.nio.file.Files.isDirectory(Path.of(dir))) {
                err.println("Sweep directory " + Path.of(dir).toAbsolutePath() + " not found. Fix: give the --out "
                        + "directory of a finished sweep.");
                return EXIT_INVALID;
            }
            SparkSession spark;
            try {
                spark = SparkSessions.forSweep("analyze");
            } catch (RuntimeException e) {
                LOG.error("Spark did not start", e);
                err.println("Spark could not start: " + e.getMessage() + ".");
                return EXIT_INVALID;
            }
            try {
                return analyze(spark, dir, new AnalysisJob.Options(x, y, observable, by), out, err);
            } finally {
                spark.stop();
            }
        }

        /** Runs the analysis in a started session and prints where its outputs are. */
        static int analyze(SparkSession spark, String dir, AnalysisJob.Options options, PrintWriter out,
                PrintWriter err) {
            try {
                AnalysisJob job = new AnalysisJob(spark, dir);
                AnalysisJob.Outcome outcome = job.run(options);
                AnalysisReport.write(outcome, job.directory(), spark);
                org.apache.hadoop.fs.Path analysis = new org.apache.hadoop.fs.Path(job.directory(), "analysis");
                out.printf("noisyflow: analysis of %s along %s in %s (points/, transitions/, pictures, index.html)%n",
                        outcome.observable(), outcome.x(), analysis);
                org.apache.hadoop.fs.Path boundary = new org.apache.hadoop.fs.Path(analysis, "boundary");
                if (boundary.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(boundary)) {
                    // transitions/ comes from the grid detector, which reads refined points as an
                    // uneven grid and may find no transition where the refinement located one.
                    out.printf("noisyflow: the refinement's located boundary is in %s; transitions/ applies the "
                            + "grid detector to its uneven points%n", boundary);
                }
                out.flush();
                return 0;
            } catch (AnalysisJob.AnalysisException e) {
                err.println(e.getMessage());
                return EXIT_INVALID;
            } catch (IOException | RuntimeException e) {
                LOG.error("analysis of {} failed", dir, e);
                err.println("Analysis of " + dir + " failed: " + e + ". Fix: see the log above.");
                return EXIT_FAILED;
            }
        }
    }

    /** {@code sweep status}: how many runs of a sweep directory are done, failed or missing. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Prints the done, failed and missing runs of a sweep directory, finished or not.")
    static final class Status implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the --out directory of a sweep")
        String dir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            PrintWriter out = commandSpec.commandLine().getOut();
            PrintWriter err = commandSpec.commandLine().getErr();
            Path local = Path.of(dir);
            if (!dir.contains("://") && !java.nio.file.Files.isRegularFile(local.resolve("spec.yaml"))) {
                err.println("No sweep in " + local.toAbsolutePath() + ": spec.yaml not found. Fix: give the --out "
                        + "directory of a started sweep.");
                return EXIT_INVALID;
            }
            SparkSession spark;
            try {
                spark = SparkSessions.forSweep("status");
            } catch (RuntimeException e) {
                LOG.error("Spark did not start", e);
                err.println("Spark could not start: " + e.getMessage() + ".");
                return EXIT_INVALID;
            }
            try {
                SweepStatus status = SweepStatus.of(spark, dir);
                out.println(status.describe());
                out.flush();
                return 0;
            } catch (SpecException e) {
                err.println(e.getMessage());
                return EXIT_INVALID;
            } catch (IOException | RuntimeException e) {
                LOG.error("status of {} failed", dir, e);
                err.println("Status of " + dir + " failed: " + e + ".");
                return EXIT_FAILED;
            } finally {
                spark.stop();
            }
        }
    }

    /** {@code sweep plan}: the size, estimated cost and task split of a sweep file, without running it. */
    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Validates a sweep file and prints its point count, estimated cost and task split.")
    static final class Plan implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SPEC", description = "the sweep file (YAML)")
        Path specFile;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
                description = "number of Spark tasks; 0 (default) means four per core of this machine")
        int partitions;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Override
        public Integer call() {
            PrintWriter out = commandSpec.commandLine().getOut();
            PrintWriter err = commandSpec.commandLine().getErr();
            SweepSpec spec = parseSpec(specFile, partitions, err);
            if (spec == null) {
                return EXIT_INVALID;
            }
            long points = spec.points().count();
            int tasks = partitions > 0 ? partitions : 4 * Runtime.getRuntime().availableProcessors();
            org.noisyflow.plan.CostProfile cost = SweepJob.costProfile(spec);
            List<org.noisyflow.plan.SweepPlan.Range> ranges =
                    org.noisyflow.plan.SweepPlan.splitMissing(points, List.of(), tasks, cost);
            double[] sampled = cost.sampledCosts();
            java.util.Arrays.sort(sampled);
            double largest = 0.0;
            for (org.noisyflow.plan.SweepPlan.Range r : ranges) {
                largest = Math.max(largest, cost.before(r.to()) - cost.before(r.from()));
            }
            out.printf("sweep %s (%s): %d points x %d replicates = %d runs%n", spec.name(), spec.solverId(), points,
                    spec.replicates(), points * spec.replicates());
            out.printf("  relative cost per point (%d sampled): min %.3g, median %.3g, max %.3g; total %.3g%n",
                    sampled.length, sampled[0], sampled[sampled.length / 2], sampled[sampled.length - 1],
                    cost.total() * spec.replicates());
            out.printf("  %d tasks (%s); the largest holds %.1f%% of the cost, an even split %.1f%%%n", ranges.size(),
                    partitions > 0 ? "--partitions" : "four per core of this machine", 100 * largest / cost.total(),
                    100.0 / ranges.size());
            return 0;
        }
    }

    /** Prints the project version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"noisyflow " + ProjectVersion.get()};
        }
    }
}
