package io.orderhub.system;

import io.orderhub.devstack.Stack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts the whole hub once for all system tests (real PostgreSQL, real Kafka, six service processes from
 * their jars) on ports 18081–18086, and stops it when the test run ends.
 */
public final class HubStackExtension implements BeforeAllCallback {
    public static final int PORT_OFFSET = 10_000;
    public static final String DEMO_SECRET = "system-test-secret";
    private static Stack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (HubStackExtension.class) {
            if (stack != null) {
                return;
            }
            Path root = Path.of(System.getProperty("orderhub.root", "..")).toAbsolutePath().normalize();
            Path work = root.resolve("system-tests/target/stack");
            Stack started = new Stack(new Stack.Options(root, work, PORT_OFFSET, 0, false, DEMO_SECRET));
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put("orderhub-stack", (ExtensionContext.Store.CloseableResource) started::close);
            started.start().awaitHealthy(Duration.ofMinutes(4));
            stack = started;
        }
    }

    public static Stack stack() {
        return stack;
    }
}
