package org.noisyflow.analysis.plot;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGraphics2D;
import org.jfree.chart.JFreeChart;
import org.w3c.dom.Document;

/**
 * Writes a chart as a PNG image and as an SVG document of the same size. The SVG comes from
 * Apache Batik's SVG generator (Apache License 2.0), which keeps text as text elements.
 */
final class ChartOutput {
    /** The maximum width or height in pixels. A 10,000 px square image takes 400 MB in memory. */
    static final int MAX_SIZE = 10_000;

    static {
        Headless.ensure();
    }

    private ChartOutput() {
    }

    /**
     * Renders {@code chart} to {@code png} and to {@code svg}, either of which may be null to skip
     * that format. Existing files are replaced, and parent directories must exist.
     */
    static void write(JFreeChart chart, Path png, Path svg, int width, int height)
            throws IOException {
        if (png == null && svg == null) {
            throw new IllegalArgumentException("both output paths are null; pass a PNG path, an SVG"
                    + " path or both");
        }
        requireSize("width", width);
        requireSize("height", height);
        if (png != null) {
            writePng(chart, png, width, height);
        }
        if (svg != null) {
            writeSvg(chart, svg, width, height);
        }
    }

    private static void requireSize(String name, int pixels) {
        if (pixels < 1 || pixels > MAX_SIZE) {
            throw new IllegalArgumentException(name + " " + pixels + " px is out of range; it must be"
                    + " from 1 to " + MAX_SIZE + " px");
        }
    }

    private static void writePng(JFreeChart chart, Path png, int width, int height)
            throws IOException {
        BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB,
                null);
        try (OutputStream out = Files.newOutputStream(png)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is available in this JDK for " + png);
            }
        }
    }

    private static void writeSvg(JFreeChart chart, Path svg, int width, int height)
            throws IOException {
        Document document = GenericDOMImplementation.getDOMImplementation()
                .createDocument("http://www.w3.org/2000/svg", "svg", null);
        SVGGraphics2D graphics = new SVGGraphics2D(document);
        graphics.setSVGCanvasSize(new Dimension(width, height));
        chart.draw(graphics, new Rectangle(0, 0, width, height));
        try (Writer out = Files.newBufferedWriter(svg, StandardCharsets.UTF_8)) {
            graphics.stream(out, true);
        }
    }
}
