package org.fundraising.ui;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fundraising.support.BatchRunsApi;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.money;
import static org.fundraising.support.Gifts.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin screens in a real browser against the service and its embedded emulator: the signed-out redirect and
 * sign-in, a gift for a new donor and for a matched one, a staged row processed from the queue, a CSV with two bad
 * rows, a batch run to completion with its progress on screen, and a screen whose data comes late not drawn over
 * the one chosen after it. Each screen is saved under target/screenshots.
 */
@QuarkusTest
class AdminUiBrowserTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void open() {
        EmulatorControl.reset();
        browser = BrowserSession.open();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signedOutGoesToSignInAndComesBack() throws Exception {
        browser.get(base() + "/fundraising/#/batches");
        wait.until(ExpectedConditions.urlContains("/welcome?redirect="));
        BrowserSession.screenshot(browser, "sign-in");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // The sign-in page's own address names /fundraising/ in its redirect: wait until the browser has left it, or
        // the form's answer may land after the next address and take the browser back to the default screen.
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/welcome")));
        wait.until(ExpectedConditions.urlContains("/fundraising/"));
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Staging queue"));
        BrowserSession.screenshot(browser, "staging-queue-empty");
    }

    @Test
    void aSessionTwentyNoLongerTakesIsRenewedOnceThenSentToSignIn() {
        browser.get(base() + "/welcome");
        browser.manage().addCookie(new Cookie("tokenPair", URLEncoder.encode("{\"accessOrWorkspaceAgnosticToken\":{\"token\":"
                + "\"expired-token\"},\"refreshToken\":{\"token\":\"expired-refresh\"}}", StandardCharsets.UTF_8)));
        browser.get(base() + "/fundraising/#/queue");
        wait.until(ExpectedConditions.urlContains("/welcome?redirect=%2Ffundraising%2F%23%2Fqueue"));
    }

    @Test
    void aGiftForANewDonorAndOneForAMatchedDonor() throws Exception {
        signIn("#/gift");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Manual gift entry"));
        String tag = UUID.randomUUID().toString().substring(0, 6);
        type("donor-first", "Grace");
        type("donor-last", "Hopper" + tag);
        type("donor-email", "grace-" + tag + "@example.org");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("donor-matches"), "No one in Twenty has this name"));
        type("gift-amount", "25.50");
        browser.findElement(By.id("gift-submit")).click();
        String newGift = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("posted-gift-id"))).getText();
        assertEquals("/objects/gifts/" + newGift, browser.findElement(By.cssSelector("#banner a")).getDomAttribute("href"));
        JsonPath posted = EmulatorControl.get("gifts", newGift);
        assertEquals(25_500_000L, posted.getLong("data.gift.amount.amountMicros"));
        BrowserSession.screenshot(browser, "gift-entry-new-donor");

        String ada = person("Ada", "Lovelace" + tag, "ada-" + tag + "@example.org", List.of());
        type("donor-first", "Ada");
        type("donor-last", "Lovelace" + tag);
        type("donor-email", "ada-" + tag + "@example.org");
        WebElement use = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-choice='" + ada + "']")));
        BrowserSession.screenshot(browser, "gift-entry-matched-donor");
        type("gift-amount", "10");
        browser.findElement(By.id("gift-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("banner"), "Choose one of the possible donors"));
        use.click();
        browser.findElement(By.id("gift-submit")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("posted-gift-id"), newGift)));
        String matchedGift = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("posted-gift-id"))).getText();
        assertEquals(ada, EmulatorControl.get("gifts", matchedGift).getString("data.gift.donorId"));
    }

    @Test
    void aStagedRowIsMarkedReadyAndProcessedFromTheQueue() throws Exception {
        String staged = api().body(Map.of("amount", money(15_500_000, "GBP"), "paymentMethod", "card", "autoProcess", false,
                        "contact", Map.of("firstName", "Mary", "lastName", "Somerville", "email", "mary@example.org")))
                .post("/api/fundraising/gift-staging").then().statusCode(201).extract().path("data.giftStaging.id");
        signIn("#/queue");
        By row = By.cssSelector("tr[data-row='" + staged + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        BrowserSession.screenshot(browser, "staging-queue");
        browser.findElement(row).findElement(By.xpath(".//button[text()='Review']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review-amount")));
        BrowserSession.screenshot(browser, "staging-review");
        browser.findElement(By.xpath("//button[text()='Close']")).click();
        browser.findElement(row).findElement(By.xpath(".//button[text()='Mark ready']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("banner"), "Marked ready"));
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//tr[@data-row='" + staged + "']//button[text()='Process now']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("banner"), "Processed: processed"));
        JsonPath row2 = api().get("/api/fundraising/gift-staging/" + staged).then().statusCode(200).extract().jsonPath();
        assertEquals("processed", row2.getString("data.giftStaging.processingStatus"));
    }

    @Test
    void aCsvWithTwoBadRowsShowsThemAndTheBatchRunsToCompletion() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        StringBuilder csv = new StringBuilder("first_name,last_name,email,amount,currency,gift_date,payment_method\n");
        for (int i = 0; i < 3; i++) {
            person("Donor" + i, "Known" + tag, "donor" + i + "-" + tag + "@example.org", List.of());
            csv.append("Donor").append(i).append(",Known").append(tag).append(",donor").append(i).append('-').append(tag)
                    .append("@example.org,1").append(i).append(".00,GBP,2026-11-2").append(i).append(",card\n");
        }
        csv.append("Bad,Amount,bad@example.org,abc,GBP,2026-11-20,card\n");
        csv.append("Bad,Date,bad2@example.org,5.00,GBP,2026-13-45,card\n");
        Path file = Files.createTempFile("batch-", ".csv");
        Files.writeString(file, csv);

        signIn("#/batches");
        type("batch-name", "Browser batch " + tag);
        type("batch-count", "3");
        browser.findElement(By.id("batch-create")).click();
        wait.until(ExpectedConditions.urlContains("#/batch/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-csv"))).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("batch-upload")).click();
        // The import is a run: the refused rows are listed from its start, the staged ones counted when it ends.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-result"), "3 rows imported"));
        WebElement rejected = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rejected-rows")));
        assertEquals(2, rejected.findElements(By.cssSelector("tbody tr")).size());
        BrowserSession.screenshot(browser, "batch-import");

        browser.findElement(By.id("batch-dry-run")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("batch-plan"), "3 left for review"));
        browser.findElement(By.id("batch-donor-match")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-words"), "completed"));
        browser.findElement(By.id("batch-process")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#run-progress progress")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-words"), "completed: 3 of 3 rows — 3 done"));
        browser.executeScript("document.getElementById('run-progress').scrollIntoView()");
        BrowserSession.screenshot(browser, "batch-run");
        assertEquals(3, EmulatorControl.records("gifts"));
    }

    @Test
    void theScreensWorkOnAPhoneSizedScreenAndEveryInputHasALabel() throws Exception {
        signIn("#/gift");
        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Manual gift entry"));
        Object unlabeled = browser.executeScript("return [...document.querySelectorAll('input, select')]"
                + ".filter(i => !i.closest('label') && !i.labels?.length).map(i => i.id)");
        assertEquals(List.of(), unlabeled);
        Object wide = browser.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
        assertEquals(false, wide, "the page scrolls sideways on a phone");
        BrowserSession.screenshot(browser, "gift-entry-phone");
        new Select(browser.findElement(By.id("gift-currency"))).selectByValue("EUR");
    }

    @Test
    void agreementsByBucketTheBudgetAndTwentyDownInWords() throws Exception {
        EmulatorControl.create("recurringAgreements", Map.of("name", "Monthly from Ada", "status", "delinquent",
                "cadence", "monthly", "amount", money(10_000_000, "GBP")));
        EmulatorControl.create("recurringAgreements", Map.of("name", "Weekly from Ben", "status", "active",
                "cadence", "weekly", "nextExpectedAt", "2020-01-01", "amount", money(5_000_000, "GBP")));
        signIn("#/recurring/delinquent");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("table"), "Monthly from Ada"));
        assertTrue(!browser.findElement(By.tagName("table")).getText().contains("Weekly from Ben"));
        assertTrue(browser.findElement(By.linkText("Overdue (1)")).isDisplayed());
        BrowserSession.screenshot(browser, "recurring-delinquent");

        browser.get(base() + "/fundraising/#/budget");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("budget-panel"), "calls a minute"));
        BrowserSession.screenshot(browser, "twenty-budget");

        EmulatorControl.fault(Map.of("path", "/rest/giftStagings", "method", "GET", "mode", "error", "status", 500));
        try {
            browser.get(base() + "/fundraising/#/queue");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("tbody"),
                    "Twenty is temporarily unavailable (status 502), try again in a minute"));
        } finally {
            EmulatorControl.clearFaults();
        }
    }

    @Test
    void aScreenWhoseDataComesLateNeverCoversTheScreenChosenAfterIt() {
        EmulatorControl.create("recurringAgreements", Map.of("name", "Late from Ada", "status", "active",
                "cadence", "monthly", "amount", money(10_000_000, "GBP")));
        EmulatorControl.fault(Map.of("path", "/rest/recurringAgreements", "method", "GET", "mode", "delay",
                "delayMs", 1500, "times", 1));
        signIn("#/queue");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Staging queue"));
        browser.get(base() + "/fundraising/#/recurring");
        // The agreements screen has started (and asked for its data) before the person moves on.
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("nav a[data-screen=recurring]"), "aria-current", "page"));
        browser.get(base() + "/fundraising/#/queue");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Staging queue"));
        // The agreements' answer reaches this page (same document: the visits above changed only the #fragment)...
        wait.until(d -> (Boolean) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes('/recurring-agreements') && e.responseEnd > 0)"));
        // ...and is not drawn over the queue.
        assertThrows(TimeoutException.class, () -> new WebDriverWait(browser, Duration.ofSeconds(2))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Late from Ada")));
        assertEquals("Staging queue", browser.findElement(By.tagName("h1")).getText());
    }

    @Test
    void aRefundIsRecordedFromTheGiftsView() throws Exception {
        String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
        String gift = api().body(Map.of("contactId", ada, "amount", money(40_000_000, "GBP"), "giftDate", "2026-11-20",
                "paymentMethod", "cheque", "autoProcess", true)).post("/api/fundraising/gifts").then().statusCode(200)
                .extract().path("data.createGift.id");
        signIn("#/gifts/" + gift);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gift-refund-state"), "Not refunded"));
        type("refund-amount", "15");
        type("refund-note", "returned cheque");
        browser.findElement(By.id("refund-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gift-refund-state"), "Partially refunded — £15.00"));
        BrowserSession.screenshot(browser, "gift-refund");
        JsonPath stored = EmulatorControl.get("gifts", gift);
        assertEquals(15_000_000L, stored.getLong("data.gift.refundedAmount.amountMicros"));
        assertEquals(40_000_000L, stored.getLong("data.gift.amount.amountMicros"), "the gift's amount never changes");
    }

    @Test
    void aPossibleRepeatOfAGiftIsShownBesideItAndCanBeKept() throws Exception {
        String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
        String earlier = EmulatorControl.create("gifts", Map.of("donorId", ada, "giftDate", "2026-11-20", "name", "Ada's November gift",
                "amount", money(25_000_000, "GBP")));
        String batch = api().body(Map.of("name", "Repeat check")).post(BatchRunsApi.BATCHES).then().statusCode(200)
                .extract().path("data.createGiftBatch.id");
        BatchRunsApi.importCsv(batch, "first_name,last_name,email,amount,currency,gift_date\nAda,Lovelace,ada@example.org,25,GBP,2026-11-20\n");
        BatchRunsApi.run(batch, "donor-match", null);
        signIn("#/queue");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//tr[contains(., 'Possibly the same gift as one already taken')]")));
        row.findElement(By.xpath(".//button[text()='Review']")).click();
        WebElement side = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("duplicate-gift")));
        assertTrue(side.getText().contains("Gift already in Twenty"), side.getText());
        assertEquals("#/gifts/" + earlier, side.findElement(By.linkText("Ada's November gift")).getDomAttribute("href"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Ada Lovelace <ada@example.org> — matches on"));
        BrowserSession.screenshot(browser, "staging-duplicate-gift");
        browser.findElement(By.id("keep-gift")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("banner"), "Kept as a separate gift"));
    }

    private void signIn(String screen) {
        browser.get(base() + "/welcome?redirect=/fundraising/");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // The sign-in page's own address names /fundraising/ in its redirect: wait until the browser has left it, or
        // the form's answer may land after the next address and take the browser back to the default screen.
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/welcome")));
        wait.until(ExpectedConditions.urlContains("/fundraising/"));
        browser.get(base() + "/fundraising/" + screen);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    private void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(text);
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
