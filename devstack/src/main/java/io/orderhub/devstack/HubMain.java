package io.orderhub.devstack;

import io.orderhub.devstack.jwt.DevKeys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./hub up} runs {@code HubMain up}: it starts the stack, writes {@code .hub/ready} with where things
 * are once every service is healthy, and keeps the infrastructure running until it is stopped.
 * {@code ./hub token <role>} runs {@code HubMain token <role>}.
 */
public final class HubMain {
    private HubMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        Path root = Path.of(System.getProperty("orderhub.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve(".hub");
        switch (command) {
            case "up" -> up(root, work);
            case "token" -> {
                if (args.length < 2) {
                    System.err.println("usage: ./hub token <ops|cs|finance|warehouse|admin>");
                    System.exit(2);
                }
                System.out.println(DevKeys.loadOrCreate(work.resolve("jwt")).token(args[1]));
            }
            default -> {
                System.err.println("usage: HubMain up | token <role>");
                System.exit(2);
            }
        }
    }

    private static void up(Path root, Path work) throws Exception {
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve("ready"));
        Files.deleteIfExists(work.resolve("failed"));
        String secret = System.getenv().getOrDefault("ORDERHUB_DEMO_SECRET", "demo-secret");
        int pgPort = Integer.parseInt(System.getenv().getOrDefault("ORDERHUB_PG_PORT_LOCAL", "15432"));
        Stack stack = new Stack(new Stack.Options(root, work, 0, pgPort, false, secret));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[hub] stopping");
            stack.close();
            stopped.countDown();
        }));
        try {
            stack.start().awaitHealthy(Duration.ofMinutes(4));
        } catch (RuntimeException e) {
            Files.writeString(work.resolve("failed"), e.getMessage() + "\n");
            System.err.println("[hub] " + e.getMessage());
            System.exit(1);
        }
        String summary = stack.summary();
        Files.writeString(work.resolve("ready"), summary);
        System.out.println(summary);
        stopped.await();
    }
}
