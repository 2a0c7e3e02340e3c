package io.meshwork.portal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A run's progress line: phase, rows and rows/s while running; the outcome once done. */
class RunProgressTest {

    private static RunProgress run(String json) throws Exception {
        return RunProgress.fromJson(new ObjectMapper().readTree(json));
    }

    @Test
    void aRunningRunSaysItsPhaseRowsAndRate() throws Exception {
        RunProgress running = run("{\"id\":\"r1\",\"source\":\"shop-export\",\"status\":\"running\",\"phase\":\"validating\",\"rows\":12000,\"rowsPerSecond\":4000}");

        assertThat(running.running()).isTrue();
        assertThat(running.fraction()).isEqualTo(0.6);
        assertThat(running.text()).isEqualTo("shop-export: validating — 12,000 rows, 4,000 rows/s");
    }

    @Test
    void aFinishedRunSaysHowItEnded() throws Exception {
        assertThat(run("{\"source\":\"s\",\"status\":\"committed\",\"phase\":\"done\",\"batch\":{\"rowsValid\":500,\"rowsQuarantined\":3}}").text())
                .isEqualTo("s committed: 500 rows valid, 3 quarantined");
        assertThat(run("{\"source\":\"s\",\"status\":\"failed\",\"error\":\"source unreachable\"}").text())
                .isEqualTo("s failed: source unreachable");
        assertThat(run("{\"source\":\"s\",\"status\":\"failed\"}").fraction()).isEqualTo(1.0);
    }

    @Test
    void quarantineReasonsReadAsCounts() throws Exception {
        assertThat(PipelineView.quarantine(new ObjectMapper().readTree(
                "{\"quarantineReasons\":[{\"reason\":\"amount_eur: not a number\",\"rows\":2}]}"))).isEqualTo("2 × amount_eur: not a number");
    }
}
