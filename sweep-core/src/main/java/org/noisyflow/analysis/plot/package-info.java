/**
 * Phase-diagram pictures of sweep results as PNG and SVG files, drawn with JFreeChart and
 * written to SVG by Apache Batik: {@link org.noisyflow.analysis.plot.LinePlot} for curves with error bars and
 * {@link org.noisyflow.analysis.plot.HeatMapPlot} for values over a two-parameter grid, both fed
 * with {@link org.noisyflow.analysis.plot.Series}.
 *
 * <p>Rendering is headless: loading LinePlot, HeatMapPlot or PlotImages sets
 * {@code java.awt.headless=true} unless the property is set already. Text uses the logical
 * SansSerif font, so the machine needs one installed sans font, such as DejaVu Sans.
 */
package org.noisyflow.analysis.plot;
