package org.noisyflow.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** {@link PlotImages} and the headless mode that the package sets. */
class PlotImagesTest {

    @Test
    void pixelStatistics() {
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        assertTrue(PlotImages.isBlank(image));
        assertEquals(1, PlotImages.countColors(image));

        image.setRGB(3, 4, 0xFF0000);
        image.setRGB(5, 6, 0x00FF00);
        assertFalse(PlotImages.isBlank(image));
        assertEquals(3, PlotImages.countColors(image));
        assertEquals(2, PlotImages.countPixelsUnlike(image, 0x000000));
        assertEquals(1, PlotImages.countPixels(image, 0xFF0000));
    }

    @Test
    void renderingIsHeadless() {
        LinePlot.of("t", "x", "y");

        assertEquals("true", System.getProperty("java.awt.headless"));
        assertTrue(GraphicsEnvironment.isHeadless());
    }
}
