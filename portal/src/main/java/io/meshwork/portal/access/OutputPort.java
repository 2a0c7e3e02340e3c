package io.meshwork.portal.access;

import java.util.List;

/** An output port of a product and the columns of its contract (empty when the contract is unknown). */
public record OutputPort(String name, String contractId, List<ContractColumn> columns) {

    public OutputPort {
        columns = List.copyOf(columns);
    }

    public List<String> columnNames() {
        return columns.stream().map(ContractColumn::name).toList();
    }

    /** A column of the port's contract; classification is empty when the contract sets none. */
    public record ContractColumn(String name, String logicalType, String classification) {

        /** How the column is shown in a picker: {@code customer_email (string, confidential)}. */
        public String label() {
            return name + " (" + logicalType + (classification.isEmpty() ? "" : ", " + classification) + ")";
        }
    }
}
