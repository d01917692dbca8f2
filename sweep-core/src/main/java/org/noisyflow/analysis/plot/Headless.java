package org.noisyflow.analysis.plot;

/**
 * Sets {@code java.awt.headless=true} unless the property is already set, so that plots render
 * on machines without a display. LinePlot, HeatMapPlot, PlotImages and the package-private
 * classes that use AWT call {@link #ensure()} from their static initialisers, which run before
 * the class touches AWT.
 *
 * <p>NOTE: the JDK reads the property once, when AWT's graphics environment starts. A program that
 * used AWT before loading this package keeps the mode it started with.
 */
final class Headless {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Headless() {
    }

    /** Runs the static initialiser once; later calls do nothing. */
    static void ensure() {
    }
}
