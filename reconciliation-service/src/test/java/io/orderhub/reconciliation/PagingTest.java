package io.orderhub.reconciliation;

import io.orderhub.devstack.sim.erp.ErpSimulator;
import io.orderhub.devstack.sim.erp.SalesOrder;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.orderhub.reconciliation.Fixtures.bearer;
import static io.orderhub.reconciliation.Fixtures.globalId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,200 ERP orders and 520 Shopify orders go through in pages: the ERP's 100-row pages last to first, Shopify's
 * 250-row cursor pages, comparison pages of 200; no step ever holds more than one page.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = Simulators.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PagingTest {

    @Test
    void manyOrdersArePagedAndNeverLoadedAllAtOnce() {
        Instant seededAt = Instant.now();
        int erpCallsBefore = Simulators.erp().calls().size();
        int shopifyCallsBefore = Simulators.marketplace().apiCalls().size();
        Instant paid = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < 1200; i++) {
            Simulators.erp().put(SalesOrder.audited(globalId(), "pdd", "demo", "PDD" + System.nanoTime(), paid, "CNY", "50.00", "0.00", "0.00"));
        }
        for (int i = 0; i < 520; i++) {
            Simulators.marketplace().createOrder("shopify", "demo");
        }
        Fixtures.run();

        // every PDD order checked (whichever runs did it)
        await().atMost(Duration.ofSeconds(60)).until(() -> given().header("Authorization", bearer("finance"))
                .queryParam("channel", "pdd").get("/credibility").jsonPath().getInt("overall.checked") >= 1200);

        // the ERP was read 100 rows a page, last page first
        List<ErpSimulator.Call> calls = Simulators.erp().calls().subList(erpCallsBefore, Simulators.erp().calls().size());
        assertTrue(calls.stream().allMatch(c -> c.pageSize() == null || c.pageSize() <= 100), calls.toString());
        List<Integer> pages = calls.stream().filter(c -> c.pageSize() != null && c.pageSize() == 100).map(ErpSimulator.Call::pageNo).toList();
        boolean descendingFromTwelve = false;
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i) >= 11) {
                int expected = pages.get(i);
                int j = i;
                while (j < pages.size() && pages.get(j) == expected) {
                    j++;
                    expected--;
                }
                descendingFromTwelve |= expected == -1;
            }
        }
        assertTrue(descendingFromTwelve, "one pull read pages n..0 in that order: " + pages);
        // Shopify: at least three cursor pages of orders.json
        long shopifyPulls = Simulators.marketplace().apiCalls().subList(shopifyCallsBefore, Simulators.marketplace().apiCalls().size())
                .stream().filter(c -> c.channel().equals("shopify") && c.api().contains("orders.json")).count();
        assertTrue(shopifyPulls >= 3, "orders.json calls: " + shopifyPulls);

        // no run held more rows at once than one page (Shopify's 250 is the largest), and they went through many pages
        List<Map<String, Object>> runs = given().header("Authorization", bearer("ops")).queryParam("size", 200).get("/runs")
                .then().statusCode(200).extract().jsonPath().getList("$");
        List<Map<String, Object>> since = runs.stream().filter(r -> r.get("finishedAt") != null
                && !Instant.parse((String) r.get("startedAt")).isBefore(seededAt.minusSeconds(1))).toList();
        assertTrue(since.stream().allMatch(r -> ((Number) r.get("maxPageRows")).intValue() <= 250), since.toString());
        int erpRows = since.stream().mapToInt(r -> ((Number) r.get("erpRows")).intValue()).sum();
        int pagesRead = since.stream().mapToInt(r -> ((Number) r.get("pages")).intValue()).sum();
        assertTrue(erpRows >= 1200, "ERP rows written: " + erpRows);
        assertTrue(pagesRead >= 12 + 3 + 9, "pages: " + pagesRead);
    }
}
