package org.noisyflow.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/** Reads the files that the plots write, for the tests of this package. */
final class PlotFiles {
    private PlotFiles() {
    }

    /** Reads a PNG and checks its size. */
    static BufferedImage readPng(Path png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not a readable image");
        assertEquals(width, image.getWidth(), "PNG width");
        assertEquals(height, image.getHeight(), "PNG height");
        return image;
    }

    /**
     * Parses an SVG file as XML. Should the file name the SVG DTD by URL in a DOCTYPE, the parser
     * neither loads nor may access it, so parsing stays offline.
     */
    static Document parseSvg(Path svg)
            throws IOException, ParserConfigurationException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd",
                false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory.newDocumentBuilder().parse(svg.toFile());
    }

    /**
     * Parses an SVG file and checks its root element, that its text contains every label, and
     * that no coordinate is NaN. Returns the document.
     */
    static Document assertSvgWithLabels(Path svg, String... labels)
            throws IOException, ParserConfigurationException, SAXException {
        Document document = parseSvg(svg);
        assertEquals("svg", document.getDocumentElement().getLocalName());
        String text = text(document);
        for (String label : labels) {
            assertTrue(text.contains(label), "SVG text lacks '" + label + "'");
        }
        assertFalse(Files.readString(svg).contains("NaN"), "SVG contains NaN coordinates");
        return document;
    }

    /** Returns all text of the SVG document, which contains every label drawn as text. */
    static String text(Document svg) {
        return svg.getDocumentElement().getTextContent();
    }
}
