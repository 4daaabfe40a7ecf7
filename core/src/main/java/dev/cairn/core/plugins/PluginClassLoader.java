package dev.cairn.core.plugins;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * One plugin jar's class loader, child first: the jar's own classes (and the libraries shaded into it) win over
 * Cairn's, so a plugin may carry another version of a library Cairn uses. The JDK, the plugin API and SLF4J always
 * come from Cairn, or the plugin's services would not be Cairn's interfaces and its logging would go nowhere.
 */
final class PluginClassLoader extends URLClassLoader {

    private static final List<String> FROM_CAIRN = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.",
            "org.xml.", "dev.cairn.plugins.api.", "org.slf4j.");

    static {
        registerAsParallelCapable();
    }

    PluginClassLoader(String name, URL jar, ClassLoader cairn) {
        super(name, new URL[] {jar}, cairn);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                if (FROM_CAIRN.stream().anyMatch(name::startsWith)) {
                    type = getParent().loadClass(name);
                } else {
                    try {
                        type = findClass(name);
                    } catch (ClassNotFoundException notInJar) {
                        type = getParent().loadClass(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }
}
