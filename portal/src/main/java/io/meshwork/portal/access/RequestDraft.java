package io.meshwork.portal.access;

import java.util.LinkedHashSet;
import java.util.Set;

/** The request form's bean: what a consumer is filling in, before the node has seen it. */
public class RequestDraft {

    private String port;
    private String purpose;
    private Integer durationDays = 30;
    private Set<String> columns = new LinkedHashSet<>();
    private String justification = "";

    public String getPort() {
        return port;
    }

    public void setPort(String port) {
        this.port = port;
    }

    public String getPurpose() {
        return purpose;
    }

    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }

    public Integer getDurationDays() {
        return durationDays;
    }

    public void setDurationDays(Integer durationDays) {
        this.durationDays = durationDays;
    }

    /** Empty: every column of the port. */
    public Set<String> getColumns() {
        return columns;
    }

    public void setColumns(Set<String> columns) {
        this.columns = columns == null ? new LinkedHashSet<>() : new LinkedHashSet<>(columns);
    }

    public String getJustification() {
        return justification;
    }

    public void setJustification(String justification) {
        this.justification = justification;
    }
}
