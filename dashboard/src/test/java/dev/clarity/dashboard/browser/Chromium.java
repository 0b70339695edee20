package dev.clarity.dashboard.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's chromium for one test class, as a JUnit extension: {@code @RegisterExtension static final Chromium
 * chromium = new Chromium();}. Before the class it launches headless chromium through Playwright (no browser
 * download); after the class it closes it. Without {@code /usr/bin/chromium} the class is skipped, unless
 * {@code CLARITY_REQUIRE_CHROMIUM=1} (CI), where that is a failure. Not thread-safe: one test class at a time.
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback {
    /** Where screenshots go; the README's pictures are copied from here or written to docs/images directly. */
    public static final Path SHOTS = Path.of("target", "screenshots");

    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if ("1".equals(System.getenv("CLARITY_REQUIRE_CHROMIUM")) && !Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("CI requires the browser tests: /usr/bin/chromium is missing");
        }
        Assumptions.assumeTrue(
                Files.isExecutable(EXECUTABLE),
                "Browser tests need Debian's chromium at /usr/bin/chromium: apt-get install chromium");
        // a loaded CI machine compiles the templates and starts chromium slowly: allow more than the default 5 s
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        Files.createDirectories(SHOTS);
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(EXECUTABLE)
                        .setHeadless(true)
                        .setArgs(List.of("--disable-gpu", "--disable-quic")));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    /** A fresh context (its own cookies) with the default viewport; close it when done. */
    public BrowserContext context() {
        return browser.newContext();
    }

    /** A fresh context (its own cookies) with a {@code width} x {@code height} viewport; close it when done. */
    public BrowserContext context(int width, int height) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    }

    /** A fresh context with the options given (viewport, timezone, locale…); close it when done. */
    public BrowserContext context(Browser.NewContextOptions options) {
        return browser.newContext(options);
    }

    /**
     * Fills the sign-in form the page shows and submits it; returns once the header names {@code login}. The page
     * must already be on {@code /login} (or have been sent there).
     */
    public static void signIn(Page page, String login, String password) {
        page.fill("input[name=login]", login);
        page.fill("input[name=password]", password);
        page.click("button[type=submit]");
        assertThat(page.locator("header.top")).containsText(login);
    }

    /**
     * Collects into {@code into} every console message of {@code page} that reports a Content Security Policy
     * violation, so that a test can assert there were none.
     */
    public static void collectPolicyViolations(Page page, List<String> into) {
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                into.add(m.text());
            }
        });
    }

    /** A full-page screenshot to {@code target/screenshots/{name}.png}. */
    public static void shot(Page page, String name) {
        shot(page, SHOTS.resolve(name + ".png"), true);
    }

    /** A screenshot to {@code path} (its directory is created), the whole page or the viewport. */
    public static void shot(Page page, Path path, boolean fullPage) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("creating the directory of screenshot " + path, e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(fullPage));
    }
}
