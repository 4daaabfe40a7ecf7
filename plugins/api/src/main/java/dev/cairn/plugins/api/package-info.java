/**
 * Cairn's plugin SPI: small interfaces that depend on the JDK only, so a plugin compiles against this jar alone.
 *
 * <p>A plugin is a jar dropped into the {@code plugins/} folder of Cairn's data directory ({@code ~/.cairn/plugins}
 * unless Cairn runs with {@code --home}). Cairn opens each jar in its own class loader and finds its services with
 * {@link java.util.ServiceLoader}: list the implementing classes in {@code META-INF/services/} under the interface's
 * full name. A jar carries its libraries inside it (a shaded jar) or names them in its manifest's
 * {@code Class-Path}. Its manifest's {@code Implementation-Title} and {@code Implementation-Version} are what
 * Settings shows as the plugin's name and version.
 *
 * <p>Every service has a public no-argument constructor that does no work (no files, no native libraries): Cairn
 * creates each one at start-up to list it. Cairn reads what describes a service (ids, names, extensions, kinds,
 * thresholds) when it loads it and keeps the answers, so those methods return constants. The methods that work
 * (a test, a read, an export, a conversion) are called on background threads, never on the JavaFX thread, and may be
 * called from several threads at once. A method fails by throwing; {@link PluginException} carries a message
 * meant for the user as is, any other exception is reported with the plugin's name. A failing plugin never stops
 * Cairn and never changes what is already stored.
 *
 * <p>The services: {@link DriftTest} (a statistical test for data drift), {@link DatasetReader} (a dataset file
 * format), {@link DeploymentExporter} (files that run a deployed model elsewhere) and {@link ModelImporter} (a model
 * file format converted to ONNX).
 */
package dev.cairn.plugins.api;
