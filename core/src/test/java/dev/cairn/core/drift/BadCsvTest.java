package dev.cairn.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a user may hand over: each bad one fails with one message naming the file, line and column. */
class BadCsvTest {

    @TempDir
    Path folder;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void raggedRowNamesItsLineAndFieldCounts() throws IOException {
        Path file = write("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n");

        assertThatThrownBy(() -> CsvTableReader.read(file)).isInstanceOf(DatasetException.class)
                .hasMessage("ragged.csv: line 3 has 2 fields but the header has 3; check the delimiter (',') and quotes "
                        + "on that line");
    }

    @Test
    void invalidUtf8NamesLineAndColumn() throws IOException {
        Path file = folder.resolve("latin1.csv");
        Files.write(file, "name,city\nann,Paris\nbob,M\u00fcnchen\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> CsvTableReader.read(file)).isInstanceOf(DatasetException.class)
                .hasMessage("latin1.csv is not UTF-8 text: line 3, column 'city' holds an invalid byte (0xfc). "
                        + "Save the file as UTF-8 and try again.");
    }

    @Test
    void emptyFileAndHeaderOnlyFileAreRefused() throws IOException {
        Path empty = write("empty.csv", "");
        Path headerOnly = write("header.csv", "a,b\n");

        assertThatThrownBy(() -> CsvTableReader.read(empty)).hasMessageStartingWith("empty.csv is empty");
        assertThatThrownBy(() -> CsvTableReader.read(headerOnly)).hasMessage("header.csv has a header but no data rows");
    }

    @Test
    void columnMissingInCurrentIsNamed() throws IOException {
        CsvTable reference = CsvTableReader.read(write("ref.csv", "x,y\n1,a\n2,b\n"));
        CsvTable current = CsvTableReader.read(write("cur.csv", "x\n1\n2\n"));

        assertThatThrownBy(() -> ColumnTyping.type(reference, current, Map.of(), Set.of()))
                .hasMessage("Column 'y' of ref.csv is missing in cur.csv (leave it out with --exclude y)");
        assertThat(ColumnTyping.type(reference, current, Map.of(), Set.of("y")).current().columns()).hasSize(1);
    }

    @Test
    void textInAColumnForcedNumericalNamesTheCell() throws IOException {
        CsvTable reference = CsvTableReader.read(write("ref.csv", "x,y\n1,a\n2,b\n"));
        CsvTable current = CsvTableReader.read(write("cur.csv", "x,y\n1,c\n\"two\",d\n"));

        assertThatThrownBy(() -> ColumnTyping.type(reference, current, Map.of("x", ColumnType.NUMERICAL), Set.of()))
                .hasMessage("cur.csv: line 3, column 'x' holds 'two', which is not a number, but the column is "
                        + "numerical (use --column-type x=cat, or fix the cell)");
    }

    @Test
    void delimiterQuotesMissingValuesAndTypesAreDetected() throws IOException {
        CsvTable table = CsvTableReader.read(write("semi.csv",
                "\uFEFFid;label;score;size\n1;\"a;b\";0.5;3\n2;c;NA;4\n3;d;1.5;3\n4;;2.5;4\n5;e;1e1;3\n6;f;3.5;4\n"));
        Dataset dataset = ColumnTyping.type(table, Map.of("id", ColumnType.CATEGORICAL));

        assertThat(table.header()).containsExactly("id", "label", "score", "size");
        assertThat(table.text()[1]).containsExactly("a;b", "c", "d", null, "e", "f");
        assertThat(table.numeric(2)).isTrue();
        assertThat(dataset.schema()).isEqualTo("id:cat,label:cat,score:num,size:cat");
        assertThat(((Column.Numerical) dataset.column("score").orElseThrow()).values())
                .containsExactly(0.5, Double.NaN, 1.5, 2.5, 10.0, 3.5);
        assertThat(dataset.sha256()).hasSize(64);
    }

    @Test
    void aColumnTurnsToTextAtItsFirstWordAndLinesCountQuotedNewlines() throws IOException {
        CsvTable table = CsvTableReader.read(write("mixed.csv", "x,note\n1,\"two\nlines\"\n2.50,b\nabc,c\n4,\n"));

        assertThat(table.numeric(0)).isFalse();
        assertThat(table.text()[0]).containsExactly("1", "2.5", "abc", "4");
        assertThat(table.lines()).containsExactly(2, 4, 5, 6);
        assertThat(ColumnTyping.type(table, Map.of()).schema()).isEqualTo("x:cat,note:cat");
    }

    @Test
    void unknownColumnsInOptionsAreNamed() throws IOException {
        CsvTable reference = CsvTableReader.read(write("ref.csv", "x\n1\n"));

        assertThatThrownBy(() -> ColumnTyping.type(reference, reference, Map.of("z", ColumnType.NUMERICAL), Set.of()))
                .hasMessageStartingWith("--column-type names column 'z', which ref.csv does not have");
        assertThatThrownBy(() -> DriftTests.builtIn().parse("t_test")).hasMessageStartingWith("Unknown test 't_test' (known: ks,");
    }
}
