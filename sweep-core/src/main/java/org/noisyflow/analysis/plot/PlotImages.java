package org.noisyflow.analysis.plot;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Pixel statistics of rendered images, to check that a plot drew something. Alpha is ignored. */
public final class PlotImages {
    static {
        Headless.ensure();
    }

    private PlotImages() {
    }

    /** Returns whether every pixel of {@code image} has the same RGB color. */
    public static boolean isBlank(BufferedImage image) {
        int first = image.getRGB(0, 0) & 0xFFFFFF;
        return countPixelsUnlike(image, first) == 0;
    }

    /** Returns the number of pixels whose RGB color is {@code rgb} (0xRRGGBB). */
    public static int countPixels(BufferedImage image, int rgb) {
        int reference = rgb & 0xFFFFFF;
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == reference) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Returns the number of pixels whose RGB color differs from {@code rgb} (0xRRGGBB). */
    public static int countPixelsUnlike(BufferedImage image, int rgb) {
        return image.getWidth() * image.getHeight() - countPixels(image, rgb);
    }

    /** Returns the number of distinct RGB colors in {@code image}. */
    public static int countColors(BufferedImage image) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colors.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colors.size();
    }
}
