/**
 * Reusable JavaFX chart components built on ChartFX and TilesFX. They take plain data (arrays and
 * small records of their own) and know nothing of Cairn's core.
 */
package dev.cairn.charts;
