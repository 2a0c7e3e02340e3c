package io.meshwork.portal.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** A run as its progress line shows it: phase, rows so far, rows per second, and how it ended. */
record RunProgress(String id, String source, String status, String phase, long rows, long rowsPerSecond, String error,
        long rowsValid, long rowsQuarantined) {

    static RunProgress fromJson(JsonNode run) {
        JsonNode batch = run.path("batch");
        return new RunProgress(run.path("id").asText(), run.path("source").asText(""), run.path("status").asText("running"),
                run.path("phase").asText(""), run.path("rows").asLong(0), run.path("rowsPerSecond").asLong(0),
                run.path("error").asText(""), batch.path("rowsValid").asLong(0), batch.path("rowsQuarantined").asLong(0));
    }

    /** The same run under the pipeline's name for its source (the node may report the source's path). */
    RunProgress named(String sourceName) {
        return new RunProgress(id, sourceName, status, phase, rows, rowsPerSecond, error, rowsValid, rowsQuarantined);
    }

    boolean running() {
        return "running".equals(status);
    }

    /** Where the run is in its five phases, 0..1, for the progress bar. */
    double fraction() {
        return switch (phase) {
            case "receiving" -> 0.2;
            case "loading" -> 0.4;
            case "validating" -> 0.6;
            case "committing" -> 0.8;
            case "done" -> 1.0;
            default -> running() ? 0.05 : 1.0;
        };
    }

    String text() {
        if (running()) {
            return String.format(Locale.ROOT, "%s: %s — %,d rows, %,d rows/s", source, phase.isEmpty() ? "starting" : phase,
                    rows, rowsPerSecond);
        }
        return switch (status) {
            case "committed" -> String.format(Locale.ROOT, "%s committed: %,d rows valid, %,d quarantined", source, rowsValid, rowsQuarantined);
            case "quarantined" -> String.format(Locale.ROOT, "%s quarantined: %,d rows held back — see the batches below", source, rowsQuarantined);
            default -> source + " failed" + (error.isEmpty() ? "" : ": " + error);
        };
    }
}
