package io.orderhub.returns;

import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A body that is not the JSON an endpoint reads gets a problem+json saying so, never a bare status. */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BadInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"{", "[1,2]", "\"just a string\"", "{\"text\": {\"nested\": true}}", "{\"text\": \"\"}", "{\"text\": \"   \"}"})
    void classifyRefusesWhatIsNotAMessage(String body) {
        given().header("Authorization", "Bearer " + OrderHubTestResource.token("cs"))
                .contentType("application/json").body(body)
                .post("/returns/classify")
                .then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/returns/classify"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[1,2]", "42", "{\"globalOrderId\": [\"OH2026AAAAAAAA\"], \"text\": \"退款\"}"})
    void openingAReturnRefusesMalformedJson(String body) {
        given().header("Authorization", "Bearer " + OrderHubTestResource.token("cs"))
                .contentType("application/json").body(body)
                .post("/returns")
                .then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", startsWith("the body is not valid JSON for this endpoint"));
    }
}
