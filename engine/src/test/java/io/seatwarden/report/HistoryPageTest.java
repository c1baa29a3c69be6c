package io.seatwarden.report;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.state.SeatSample;
import io.seatwarden.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history page as a reader sees it, in headless Chromium: a screenshot whose pixels must show each line where
 * the figures put it, and the DOM Chromium parsed. Needs Chromium (see {@link HeadlessChromium}); the screenshot is
 * kept as {@code target/screenshots/history-page.png} for a person to look at.
 */
class HistoryPageTest {
    private static final Instant DAY0 = Instant.parse("2026-11-16T02:00:00Z");
    private static final TenantId TENANT = TenantId.of("8d3f9a52-1c4e-4b7a-9f0e-2a6b5c7d8e90");
    private static final SkuId E3 = SkuId.of("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static final SkuId POWER_BI = SkuId.of("f8a1db68-be16-40ed-86d5-cb42ce701560");
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 1400;
    /** Rows a horizontal gridline or a flat line with its markers (7 px) takes out of the plot fill. */
    private static final int LINE_GAP = 10;
    private static final int EDGE = 6;

    @TempDir
    Path directory;

    /**
     * Two weeks, one run a day. ENTERPRISEPACK: 60 seats, in use rising 20, 22, ... 46 (2 a day), reserve 2, nobody
     * waiting: 60 - 46 - 2 = 12 left, 6 days of headroom. POWER_BI_PRO: all 10 in use, waiting rising 0 to 13.
     */
    static SeatHistoryReport report() {
        List<SeatSample> samples = new ArrayList<>();
        for (int day = 0; day < 14; day++) {
            Instant at = DAY0.plus(Duration.ofDays(day));
            samples.add(new SeatSample(TENANT, at, Optional.empty(), E3, "ENTERPRISEPACK", 60, 20 + 2 * day, 40 - 2 * day, 2, 0));
        }
        for (int day = 0; day < 14; day++) {
            Instant at = DAY0.plus(Duration.ofDays(day));
            samples.add(new SeatSample(TENANT, at, Optional.empty(), POWER_BI, "POWER_BI_PRO", 10, 10, 0, 0, day));
        }
        samples.sort(Comparator.comparing(SeatSample::skuPartNumber)); // as the store returns them
        return SeatHistoryReport.of(samples, DAY0.plus(Duration.ofDays(13)).plusSeconds(3600), 30);
    }

    @Test
    void theDomHoldsAChartPerSkuAndTheHeadroomAndNothingExternal() throws IOException, InterruptedException {
        HeadlessChromium chromium = HeadlessChromium.require(directory);
        Path page = directory.resolve("history.html");
        Files.writeString(page, new HistoryHtmlRenderer().render(report()), StandardCharsets.UTF_8);

        String dom = chromium.dumpDom(page);

        assertThat(count(dom, "<svg class=\"chart\"")).isEqualTo(2);
        for (String line : List.of("in-use", "free", "waiting", "enabled")) {
            assertThat(count(dom, "<polyline class=\"" + line + "\"")).as(line).isEqualTo(2);
        }
        assertThat(dom).contains("12 seats left; at +2.00 seats a day that is 6 days of headroom (14 runs in the last 14 days).")
                .contains("No seats left to hand out: 13 users wait for one.");
        // The in-use line of ENTERPRISEPACK rises: its last point is higher on the page (a smaller y) than its first.
        List<double[]> inUse = points(dom, "in-use").get(0);
        assertThat(inUse).hasSize(14);
        assertThat(inUse.get(13)[1]).isLessThan(inUse.get(0)[1]);
        assertThat(inUse.get(13)[0]).isGreaterThan(inUse.get(0)[0]);
        // Self-contained: no script, nothing fetched or linked.
        assertThat(dom).doesNotContain("<script").doesNotContain(" src=").doesNotContain(" href=").doesNotContain("http");
    }

    @Test
    void theScreenshotShowsEachLineWhereTheFiguresPutIt() throws IOException, InterruptedException {
        HeadlessChromium chromium = HeadlessChromium.require(directory);
        Path page = directory.resolve("history.html");
        Files.writeString(page, new HistoryHtmlRenderer().render(report()), StandardCharsets.UTF_8);
        Path png = directory.resolve("history.png");

        chromium.screenshot(page, png, WIDTH, HEIGHT);
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(png, Path.of("target", "screenshots", "history-page.png"), StandardCopyOption.REPLACE_EXISTING);
        BufferedImage image = ImageIO.read(png.toFile());

        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        assertThat(distinctColours(image)).as("distinct colours: not a blank page").isGreaterThan(50);
        List<Box> plots = plots(image);
        assertThat(plots).as("the two charts' plot areas, top to bottom").hasSize(2);
        Box enterprise = plots.get(0);
        Box powerBi = plots.get(1);
        assertThat(enterprise.width()).isGreaterThan(500);
        assertThat(powerBi.top).isGreaterThan(enterprise.bottom);

        // ENTERPRISEPACK: in use rises (right third higher), free falls, waiting lies along the bottom.
        assertThat(meanY(image, enterprise, HistoryChart.IN_USE, Third.RIGHT))
                .isLessThan(meanY(image, enterprise, HistoryChart.IN_USE, Third.LEFT) - 40);
        assertThat(meanY(image, enterprise, HistoryChart.FREE, Third.RIGHT))
                .isGreaterThan(meanY(image, enterprise, HistoryChart.FREE, Third.LEFT) + 40);
        assertThat(meanY(image, enterprise, HistoryChart.WAITING, Third.ALL)).isGreaterThan(enterprise.bottom - 0.1 * enterprise.height());
        // POWER_BI_PRO: waiting rises; in use stays flat.
        assertThat(meanY(image, powerBi, HistoryChart.WAITING, Third.RIGHT))
                .isLessThan(meanY(image, powerBi, HistoryChart.WAITING, Third.LEFT) - 40);
        assertThat(Math.abs(meanY(image, powerBi, HistoryChart.IN_USE, Third.RIGHT) - meanY(image, powerBi, HistoryChart.IN_USE, Third.LEFT)))
                .isLessThan(3);
    }

    private enum Third {
        LEFT,
        RIGHT,
        ALL
    }

    /** A plot area's pixel bounds, inclusive. */
    private record Box(int left, int top, int right, int bottom) {
        int width() {
            return right - left + 1;
        }

        int height() {
            return bottom - top + 1;
        }
    }

    /** The plot areas: runs of rows with many pixels of the plot fill, each bounded by where the fill is. */
    private static List<Box> plots(BufferedImage image) {
        int plotColour = rgb(HistoryChart.PLOT);
        List<Box> boxes = new ArrayList<>();
        int top = -1;
        int left = Integer.MAX_VALUE;
        int right = -1;
        for (int y = 0; y <= image.getHeight(); y++) {
            int count = 0;
            int rowLeft = Integer.MAX_VALUE;
            int rowRight = -1;
            for (int x = 0; y < image.getHeight() && x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == plotColour) {
                    count++;
                    rowLeft = Math.min(rowLeft, x);
                    rowRight = Math.max(rowRight, x);
                }
            }
            if (count >= 100) {
                top = top < 0 ? y : top;
                left = Math.min(left, rowLeft);
                right = Math.max(right, rowRight);
            } else if (top >= 0) {
                Box box = new Box(left, top, right, y - 1);
                Box previous = boxes.isEmpty() ? null : boxes.get(boxes.size() - 1);
                if (previous != null && box.top - previous.bottom <= LINE_GAP) { // a line crossed the whole plot
                    boxes.set(boxes.size() - 1, new Box(Math.min(previous.left, box.left), previous.top, Math.max(previous.right, box.right),
                            box.bottom));
                } else {
                    boxes.add(box);
                }
                top = -1;
                left = Integer.MAX_VALUE;
                right = -1;
            }
        }
        return boxes;
    }

    /** The mean row of the pixels in the box (a third of it, or all) close to {@code colour}; fails when there are hardly any. */
    private static double meanY(BufferedImage image, Box box, String colour, Third third) {
        int target = rgb(colour);
        int from = third == Third.RIGHT ? box.left + 2 * box.width() / 3 : box.left;
        int to = third == Third.LEFT ? box.left + box.width() / 3 : box.right;
        long sum = 0;
        int count = 0;
        // Lines at zero or at the top seat count lie on the plot's edge, half outside its fill: look a few rows beyond it.
        for (int y = box.top - EDGE; y <= box.bottom + EDGE; y++) {
            for (int x = from; x <= to; x++) {
                if (close(image.getRGB(x, y), target)) {
                    sum += y;
                    count++;
                }
            }
        }
        assertThat(count).as("pixels of %s in the %s third of the plot at %s", colour, third, box).isGreaterThan(20);
        return sum / (double) count;
    }

    private static boolean close(int pixel, int target) {
        int distance = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            distance += Math.abs(((pixel >> shift) & 0xff) - ((target >> shift) & 0xff));
        }
        return distance <= 24;
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    /** The points of every polyline of that class, in document order. */
    private static List<List<double[]>> points(String dom, String line) {
        Matcher matcher = Pattern.compile("<polyline class=\"" + line + "\"[^>]*points=\"([^\"]*)\"").matcher(dom);
        List<List<double[]>> lines = new ArrayList<>();
        while (matcher.find()) {
            List<double[]> points = new ArrayList<>();
            for (String point : matcher.group(1).split(" ")) {
                String[] xy = point.split(",");
                points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
            }
            lines.add(points);
        }
        return lines;
    }
}
