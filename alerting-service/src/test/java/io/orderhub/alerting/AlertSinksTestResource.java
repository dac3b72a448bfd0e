package io.orderhub.alerting;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.orderhub.devstack.sim.alerts.AlertReceivers;
import io.orderhub.devstack.sim.wms.WmsSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The outside world of alerting, once per test JVM: the devstack alert receivers (webhook, Slack, WeCom,
 * DingTalk), the WMS simulator, a GreenMail SMTP server, and a real Alertmanager process on a loopback port
 * (Debian package {@code prometheus-alertmanager}) with a temporary config and storage directory. Without the
 * binary the Alertmanager channel is disabled and its test is skipped, or fails when {@code CI=true}.
 */
public class AlertSinksTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String ALERTMANAGER_HINT = "Alertmanager is not installed: apt-get update && apt-get install -y "
            + "prometheus-alertmanager (binary /usr/bin/prometheus-alertmanager), or set ALERTMANAGER_BIN";

    private static AlertReceivers receivers;
    private static WmsSimulator wms;
    private static GreenMail mail;
    private static Process alertmanager;
    private static String alertmanagerUrl;

    @Override
    public Map<String, String> start() {
        synchronized (AlertSinksTestResource.class) {
            if (receivers == null) {
                receivers = AlertReceivers.start(0);
                wms = WmsSimulator.start(0);
                mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                mail.start();
                alertmanagerUrl = startAlertmanager();
                Runtime.getRuntime().addShutdownHook(new Thread(AlertSinksTestResource::stopAll));
            }
        }
        Map<String, String> config = new HashMap<>();
        AlertReceivers.Credentials c = receivers.credentials();
        config.put("orderhub.alerting.channels.ops-webhook.url", receivers.url() + "/hooks/orderhub");
        config.put("orderhub.alerting.channels.ops-webhook.secret", c.webhookSecret());
        config.put("orderhub.alerting.channels.oncall-slack.url", receivers.url() + c.slackPath());
        config.put("orderhub.alerting.channels.warehouse-wecom.url", receivers.url() + "/cgi-bin/webhook/send?key=" + c.weComKey());
        config.put("orderhub.alerting.channels.supervisor-dingtalk.url", receivers.url() + "/robot/send?access_token=" + c.dingTalkToken());
        config.put("orderhub.alerting.channels.supervisor-dingtalk.secret", c.dingTalkSecret());
        config.put("orderhub.alerting.channels.supervisor-email.enabled", "true");
        config.put("orderhub.alerting.channels.supervisor-email.to", "supervisor@orderhub.test");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(mail.getSmtp().getPort()));
        config.put("quarkus.mailer.from", "alerts@orderhub.test");
        config.put("orderhub.alerting.channels.alertmanager.enabled", Boolean.toString(alertmanagerUrl != null));
        config.put("orderhub.alerting.channels.alertmanager.url", alertmanagerUrl == null ? "http://127.0.0.1:9" : alertmanagerUrl);
        config.put("quarkus.rest-client.wms.url", wms.url());
        config.put("quarkus.rest-client.coupons.url", wms.url());
        return config;
    }

    private static String startAlertmanager() {
        Path bin = Path.of(System.getenv().getOrDefault("ALERTMANAGER_BIN", "/usr/bin/prometheus-alertmanager"));
        if (!Files.isExecutable(bin)) {
            return null;
        }
        try {
            Path dir = Files.createTempDirectory("alertmanager-test");
            Path config = dir.resolve("alertmanager.yml");
            Files.writeString(config, """
                    route:
                      receiver: blackhole
                      group_wait: 1s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: blackhole
                    """);
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder(bin.toString(), "--config.file=" + config,
                    "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=", "--log.level=warn");
            pb.redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile());
            alertmanager = pb.start();
            String url = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!alertmanager.isAlive()) {
                    throw new IllegalStateException("Alertmanager exited with " + alertmanager.exitValue() + "; see "
                            + dir.resolve("alertmanager.log"));
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
            return url;
        } catch (IOException e) {
            throw new IllegalStateException("could not start Alertmanager: " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stopAll() {
        if (alertmanager != null) {
            alertmanager.destroy();
        }
        if (mail != null) {
            mail.stop();
        }
        if (receivers != null) {
            receivers.close();
        }
        if (wms != null) {
            wms.close();
        }
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the shutdown hook
    }

    public static AlertReceivers receivers() {
        return receivers;
    }

    public static WmsSimulator wms() {
        return wms;
    }

    public static GreenMail mail() {
        return mail;
    }

    /** The Alertmanager base URL, or null when the binary is missing. */
    public static String alertmanagerUrl() {
        return alertmanagerUrl;
    }
}
