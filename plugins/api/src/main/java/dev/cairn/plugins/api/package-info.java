/**
 * Cairn's plugin SPI: small interfaces that depend on the JDK only, so a plugin compiles against
 * this jar alone. Plugins are found with {@link java.util.ServiceLoader} on the class path and in
 * the data directory's {@code plugins/} folder.
 */
package dev.cairn.plugins.api;
