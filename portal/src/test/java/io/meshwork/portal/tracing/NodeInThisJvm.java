package io.meshwork.portal.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real mesh node (deploy's {@code meshwork-node.jar}, started by deploy's {@code TestMesh}: a
 * throwaway realm on the test Keycloak, demo users, embedded store) running in this JVM beside the
 * portal's code, so that one in-memory span exporter sees both sides of a call.
 *
 * <p>The node's classes (Vert.x 5, Netty 4.2, Jackson…) must never meet the portal's Spring Boot
 * classpath, so the node gets a class loader of its own that looks in the node's jars first. Only
 * OpenTelemetry ({@code io.opentelemetry.*}, same BOM version on both sides) is taken from the
 * portal's side: one SDK autoconfiguration, one exporter registry and one context storage for
 * both. The context storage is Vert.x's (it follows a request across event-loop and worker
 * threads and falls back to a thread local elsewhere), found through the node's loader.
 */
final class NodeInThisJvm implements AutoCloseable {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path DEPLOY_TARGET = MODULE.resolve("../deploy/target").normalize();

    private final URLClassLoader loader;
    private final AutoCloseable mesh;
    private final Class<?> meshType;

    private NodeInThisJvm(URLClassLoader loader, AutoCloseable mesh) {
        this.loader = loader;
        this.mesh = mesh;
        this.meshType = mesh.getClass();
    }

    /** Starts the node; call before anything else in this JVM touches OpenTelemetry's context. */
    static NodeInThisJvm start(String realmPrefix) throws Exception {
        URLClassLoader loader = new NodeFirst(new URL[] {jar("meshwork-node.jar"), testsJar()}, NodeInThisJvm.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            // OpenTelemetry picks its context storage once, through the context class loader: Vert.x's
            // (by name: the SDK's testing jar on this classpath offers a provider of its own)
            System.setProperty("io.opentelemetry.context.contextStorageProvider", "io.vertx.tracing.opentelemetry.VertxContextStorageProvider");
            io.opentelemetry.context.Context.current();
            Object mesh = loader.loadClass("io.meshwork.node.TestMesh").getMethod("start", String.class).invoke(null, realmPrefix);
            return new NodeInThisJvm(loader, (AutoCloseable) mesh);
        } catch (java.lang.reflect.InvocationTargetException e) {
            loader.close();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    URI uri(String path) throws Exception {
        return (URI) onNodeSide(() -> meshType.getMethod("uri", String.class).invoke(mesh, path));
    }

    /** An access token of a demo user. */
    String token(String user) throws Exception {
        return (String) onNodeSide(() -> meshType.getMethod("token", String.class).invoke(mesh, user));
    }

    @Override
    public void close() throws Exception {
        try {
            onNodeSide(() -> {
                mesh.close();
                return null;
            });
        } finally {
            loader.close();
        }
    }

    /** Libraries of the node (RESTEasy of the Keycloak admin client) look up their classes through the context class loader. */
    private Object onNodeSide(java.util.concurrent.Callable<Object> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL jar(String name) {
        Path jar = DEPLOY_TARGET.resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the deploy module first (mvn -pl deploy -am install -DskipTests)");
        }
        try {
            return jar.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** deploy's test jar: TestMesh and its helpers. */
    private static URL testsJar() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY_TARGET)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches("meshwork-node-.*-tests\\.jar")).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one meshwork-node-*-tests.jar in " + DEPLOY_TARGET + ", found " + found);
            }
            return jar(found.get(0).getFileName().toString());
        }
    }

    /** The node's jars first, except OpenTelemetry, which both sides share from the parent. */
    private static final class NodeFirst extends URLClassLoader {

        static {
            registerAsParallelCapable();
        }

        NodeFirst(URL[] jars, ClassLoader parent) {
            super("meshwork-node", jars, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null) {
                    type = shared(name) ? parentOrOwn(name) : ownOrParent(name);
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }

        private static boolean shared(String name) {
            return name.startsWith("java.") || name.startsWith("io.opentelemetry.");
        }

        private Class<?> parentOrOwn(String name) throws ClassNotFoundException {
            try {
                return getParent().loadClass(name);
            } catch (ClassNotFoundException notShared) {
                return findClass(name);
            }
        }

        private Class<?> ownOrParent(String name) throws ClassNotFoundException {
            try {
                return findClass(name);
            } catch (ClassNotFoundException notOwn) {
                return getParent().loadClass(name);
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : getParent().getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            // a service file of the parent would name classes this loader takes from its own jars, or none at all
            if (name.startsWith("META-INF/services/io.opentelemetry.")) {
                return super.getResources(name);
            }
            Enumeration<URL> own = findResources(name);
            return own.hasMoreElements() ? own : Collections.emptyEnumeration();
        }
    }
}
