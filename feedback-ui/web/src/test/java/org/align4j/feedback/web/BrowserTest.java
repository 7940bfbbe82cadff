package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.auth.PasswordHasher;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.export.ExportResult;
import org.align4j.feedback.export.FeedbackExporter;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.refresh.ModelVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A doctor's session in a real headless Chromium (Debian {@code chromium} and {@code chromium-driver};
 * nothing is downloaded: the driver and browser paths are given, so Selenium Manager is not used):
 * log in, rate with the keyboard and the mouse, correct an answer, compare two answers; then the
 * rows and the exported pairs are checked in the database. One answer is a stored-XSS attempt.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PROMPT_1 = "布洛芬和对乙酰氨基酚可以一起吃吗？ Can I take ibuprofen with paracetamol?";
    private static final String GOOD = "可以交替服用，注意每日最大剂量。 They can be alternated; mind the daily maximum.";
    private static final String PROMPT_2 = "What is a normal resting heart rate? 正常静息心率是多少？";
    private static final String CORRECTED = "成人正常静息心率为每分钟60到100次。 60 to 100 beats per minute for adults.";

    @TempDir Path dir;
    private FeedbackStore store;
    private FeedbackServer server;
    private WebDriver driver;
    private User ann;
    private Enqueued first;
    private Enqueued second;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: install the Debian packages chromium and chromium-driver (.ci/run does)");
        store = Fixtures.memoryStore(java.time.Clock.systemUTC(), new PasswordHasher(4));
        ann = Fixtures.doctor(store, "ann");
        Fixtures.admin(store, "root");
        ModelVersion model = Fixtures.model(store, "sft-1");
        first = store.queue().enqueue(PROMPT_1, List.of(GOOD, ServerFixture.XSS_ANSWER), model.id(), "{}");
        second = store.queue().enqueue(PROMPT_2, List.of("About 200.", "60 to 100."), model.id(), "{}");
        server = FeedbackServer.start(store, ServerConfig.loopback());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")),
                "--window-size=820,1180");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(820, 1180)); // a tablet held upright
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // a table redrawn under the check
                .until(d -> condition.getAsBoolean());
    }

    private void waitForCount(String what, LongSupplier count, long expected) {
        waitFor(what + " to reach " + expected, () -> count.getAsLong() == expected);
    }

    private long rows(String table) {
        return store.sql().number("SELECT COUNT(*) FROM " + table + " WHERE user_id = ?", ann.id());
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private void logIn(String user) {
        driver.get(base() + "/");
        waitFor("the login page", () -> driver.getCurrentUrl().endsWith("/login"));
        byId("username").sendKeys(user);
        byId("password").sendKeys(Fixtures.PASSWORD);
        byId("login-button").click();
    }

    @Test
    void aDoctorLogsInRatesCorrectsAndComparesAndTheDatabaseAndExportAgree() {
        logIn("ann");
        waitFor("the rating view", () -> byId("rate-view").isDisplayed());
        assertThat(byId("rate-prompt").getText()).isEqualTo(PROMPT_1);
        assertThat(byId("rate-answer").getText()).isEqualTo(GOOD);
        assertThat(js("return document.characterSet")).isEqualTo("UTF-8");
        assertThat((Long) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("no sideways scrolling on a tablet").isLessThanOrEqualTo(0L);

        // 👍 with the keyboard shortcut.
        driver.findElement(By.tagName("body")).sendKeys("1");
        waitForCount("ratings", () -> rows("ratings"), 1);

        // The next answer is a stored-XSS attempt: it must show as text and run nothing.
        waitFor("the XSS answer", () -> byId("rate-answer").getText().contains("<script>"));
        assertThat(js("return document.getElementById('rate-answer').textContent")).isEqualTo(ServerFixture.XSS_ANSWER);
        assertThat(byId("rate-answer").findElements(By.xpath(".//*"))).isEmpty();
        assertThat(js("return typeof window.__xss")).isEqualTo("undefined");
        byId("rate-comment").sendKeys("剂量错误 <img src=x onerror=\"window.__xss=3\">");
        byId("rate-down").click();
        waitForCount("ratings", () -> rows("ratings"), 2);

        // Correct the third answer: ✎ opens the editor filled with the answer; Ctrl+Enter submits.
        waitFor("the third answer", () -> byId("rate-prompt").getText().equals(PROMPT_2));
        driver.findElement(By.tagName("body")).sendKeys("c");
        waitFor("the correction editor", () -> byId("correct-box").isDisplayed());
        WebElement editor = byId("correct-text");
        assertThat(editor.getAttribute("value")).isEqualTo("About 200.");
        editor.clear();
        editor.sendKeys(CORRECTED);
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        waitForCount("corrections", () -> rows("corrections"), 1);

        // Skip the fourth, then the queue is empty.
        waitFor("the fourth answer", () -> byId("rate-answer").getText().equals("60 to 100."));
        byId("rate-skip").click();
        waitFor("the empty queue", () -> byId("empty").isDisplayed());

        // Compare: pick the good answer, whichever side it is on.
        driver.findElement(By.tagName("body")).sendKeys("m");
        waitFor("the comparison view", () -> byId("compare-view").isDisplayed() && !byId("compare-a").getText().isEmpty());
        assertThat(byId("compare-prompt").getText()).isEqualTo(PROMPT_1);
        boolean goodOnLeft = byId("compare-a").getText().equals(GOOD);
        driver.findElement(By.tagName("body")).sendKeys(goodOnLeft ? "a" : "b");
        waitForCount("comparisons", () -> rows("comparisons"), 1);
        assertThat(js("return typeof window.__xss")).isEqualTo("undefined");

        // The database holds exactly what the doctor did, under her name.
        long good = first.responseIds().get(0);
        long xss = first.responseIds().get(1);
        assertThat(store.sql().strings("SELECT response_id || ':' || vote || ':' || COALESCE(comment, '') FROM ratings"
                + " WHERE user_id = ? ORDER BY id", ann.id()))
                .containsExactly(good + ":1:", xss + ":-1:剂量错误 <img src=x onerror=\"window.__xss=3\">");
        assertThat(store.sql().strings("SELECT response_id || ':' || text FROM corrections WHERE user_id = ?", ann.id()))
                .containsExactly(second.responseIds().get(0) + ":" + CORRECTED);
        long winner = store.sql().read(tx -> tx.one("SELECT CASE choice WHEN 'A' THEN response_a_id ELSE response_b_id END"
                + " FROM comparisons WHERE user_id = ?", rs -> rs.getLong(1), ann.id())).orElseThrow();
        assertThat(winner).isEqualTo(good);
        assertThat(store.sql().number("SELECT COUNT(*) FROM skips WHERE user_id = ?", ann.id())).isEqualTo(1);

        // The exported pairs: the good answer over the XSS one (ratings and comparison agree), the correction over the original.
        Path out = dir.resolve("pairs.jsonl");
        ExportResult r = new FeedbackExporter(store).pairs(null, out);
        assertThat(r.written()).isEqualTo(2);
        assertThat(r.issues()).isEmpty();
        List<String> lines = readLines(out);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"chosen\":\"" + GOOD + "\"").contains("\"source\":\"ratings+comparison\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"chosen\":\"" + CORRECTED + "\"")
                .contains("\"rejected\":\"About 200.\"").contains("\"source\":\"correction\""));
    }

    @Test
    void anUnsafeClickTravelsToTheDatabaseAndToTheExportedExamplesWeight() throws Exception {
        logIn("ann");
        waitFor("the rating view", () -> byId("rate-view").isDisplayed() && byId("rate-answer").getText().equals(GOOD));
        driver.findElement(By.tagName("body")).sendKeys("1");
        waitForCount("ratings", () -> rows("ratings"), 1);
        waitFor("the second answer", () -> byId("rate-answer").getText().contains("<script>"));
        byId("rate-unsafe").click();
        waitForCount("ratings", () -> rows("ratings"), 2);
        long xss = first.responseIds().get(1);
        assertThat(store.sql().strings("SELECT vote || ':' || unsafe FROM ratings WHERE response_id = ?", xss))
                .containsExactly("-1:TRUE");
        // the key works too: 3 marks the next answer unsafe
        waitFor("the third answer", () -> byId("rate-prompt").getText().equals(PROMPT_2));
        driver.findElement(By.tagName("body")).sendKeys("3");
        waitForCount("unsafe ratings", () -> store.sql().number("SELECT COUNT(*) FROM ratings WHERE unsafe"), 2);

        Path out = dir.resolve("unpaired.jsonl");
        new FeedbackExporter(store).unpaired(null, new org.align4j.feedback.export.FeedbackWeighting(false, 3.0, 1.0), out);
        assertThat(readLines(out)).anySatisfy(l -> assertThat(l).contains("\"label\":false").contains("\"weight\":3.0")
                .contains("\"reason\":\"marked unsafe: × 3\"").contains("window.__xss"));
        assertThat(org.align4j.feedback.export.UnsafeAnswers.byPrompt(store).get(PROMPT_1))
                .containsExactly(ServerFixture.XSS_ANSWER);
    }

    @Test
    void theAdminPageDrawsItsCharts() {
        store.feedback().rate(ann.id(), first.responseIds().get(0), org.align4j.feedback.queue.Thumb.UP, null);
        logIn("root");
        waitFor("the admin page", () -> driver.getCurrentUrl().endsWith("/admin"));
        waitFor("the charts", () -> !driver.findElements(By.cssSelector("#chart-days svg rect")).isEmpty()
                && !driver.findElements(By.cssSelector("#chart-models svg circle")).isEmpty());
        assertThat(byId("production").getText()).contains("production model");
        assertThat(byId("status").getText()).isEmpty();
        byId("logout").click();
        waitFor("the login page", () -> driver.getCurrentUrl().endsWith("/login"));
        driver.get(base() + "/admin");
        waitFor("the redirect to login", () -> driver.getCurrentUrl().endsWith("/login"));
    }

    @Test
    void anAdminAddsADoctorAndDisablesAnAccountFromThePage() {
        logIn("root");
        waitFor("the admin page", () -> driver.getCurrentUrl().endsWith("/admin"));
        waitFor("the accounts table", () -> !driver.findElements(By.cssSelector("#table-users tr[data-username='ann']")).isEmpty());

        byId("new-username").sendKeys("Chen.Wei");
        byId("new-display-name").sendKeys("陈伟 <b>医生</b>");
        byId("new-password").sendKeys(Fixtures.PASSWORD);
        byId("add-user-button").click();
        waitFor("the new doctor in the table", () -> !driver.findElements(By.cssSelector("#table-users tr[data-username='chen.wei']")).isEmpty());
        assertThat(byId("status").getText()).contains("added chen.wei");
        assertThat(driver.findElement(By.cssSelector("#table-users tr[data-username='chen.wei']")).getText()).contains("陈伟 <b>医生</b>");
        org.align4j.feedback.auth.User added = store.users().find("chen.wei").orElseThrow();
        assertThat(added.displayName()).isEqualTo("陈伟 <b>医生</b>");
        assertThat(added.role()).isEqualTo(org.align4j.feedback.auth.Role.DOCTOR);
        assertThat(store.users().authenticate("chen.wei", Fixtures.PASSWORD)).contains(added);

        // Disable ann (confirmed in the dialog): her account and sessions stop working at once.
        org.align4j.feedback.auth.SessionStore.Issued annSession = store.sessions().create(ann);
        byId("toggle-ann").click();
        driver.switchTo().alert().accept();
        waitFor("ann disabled", () -> driver.findElement(By.cssSelector("#table-users tr[data-username='ann']")).getText().contains("disabled"));
        assertThat(store.users().authenticate("ann", Fixtures.PASSWORD)).isEmpty();
        assertThat(store.sessions().find(annSession.token())).isEmpty();
        assertThat(driver.findElements(By.id("toggle-root"))).as("no button to disable oneself").isEmpty();
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
