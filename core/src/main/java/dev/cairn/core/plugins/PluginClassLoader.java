package dev.cairn.core.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * One plugin jar's class loader, child first: the jar's own classes (and the libraries shaded into it) win over
 * Cairn's, so a plugin may carry another version of a library Cairn uses. The JDK (whatever the platform class
 * loader has), the plugin API and SLF4J always come from Cairn, or the plugin's services would not be Cairn's
 * interfaces and its logging would go nowhere.
 */
final class PluginClassLoader extends URLClassLoader {

    private static final List<String> FROM_CAIRN = List.of("dev.cairn.plugins.api.", "org.slf4j.");
    private static final String SERVICES = "META-INF/services/";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

    PluginClassLoader(String name, URL jar, ClassLoader cairn) {
        super(name, new URL[] {jar}, cairn);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = FROM_CAIRN.stream().anyMatch(name::startsWith) ? getParent().loadClass(name) : load(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    /** The JDK's, else the jar's, else Cairn's. */
    private Class<?> load(String name) throws ClassNotFoundException {
        try {
            return platform.loadClass(name);
        } catch (ClassNotFoundException notInTheJdk) {
            try {
                return findClass(name);
            } catch (ClassNotFoundException notInJar) {
                return getParent().loadClass(name);
            }
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    /**
     * The jar's own first, then Cairn's, as for classes. Service files are the jar's alone: ServiceLoader must not
     * create the services of Cairn's class path here.
     */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith(SERVICES)) {
            return findResources(name);
        }
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
