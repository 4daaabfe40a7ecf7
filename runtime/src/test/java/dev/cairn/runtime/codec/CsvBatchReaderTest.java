package dev.cairn.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.runtime.tensor.ElementType;
import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.Shape;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.UnsupportedTypeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvBatchReaderTest {

    private static final Shape COLUMN = new Shape(new long[] {-1, 1}, new String[2]);
    private static final List<IoSpec> TITANIC_LIKE = List.of(
            IoSpec.tensor("pclass", ElementType.STRING, COLUMN),
            IoSpec.tensor("age", ElementType.FLOAT, COLUMN),
            IoSpec.tensor("siblings", ElementType.INT64, new Shape(new long[] {-1}, new String[1])),
            IoSpec.tensor("alone", ElementType.BOOL, COLUMN));
    private static final List<IoSpec> MATRIX = List.of(
            IoSpec.tensor("float_input", ElementType.FLOAT, new Shape(new long[] {-1, 4}, new String[2])));

    @Test
    void parsesRfc4180Quoting() {
        CsvTable table = CsvTable.parse("\uFEFFa,\"b \"\"quoted\"\"\",c\r\n\"1,5\",\"line\nbreak\",\r\n\nx,y,\"\"\n");
        assertThat(table.header()).containsExactly("a", "b \"quoted\"", "c");
        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(0)).containsExactly("1,5", "line\nbreak", "");
        assertThat(table.rows().get(1)).containsExactly("x", "y", "");
        assertThat(CsvTable.parse("h\n1").rows().get(0)).containsExactly("1");
    }

    @Test
    void rejectsBrokenCsv() {
        assertThatThrownBy(() -> CsvTable.parse("")).isInstanceOf(InvalidInputException.class)
                .hasMessage("the CSV text is empty: a header row is required");
        assertThatThrownBy(() -> CsvTable.parse("a,b\n1,\"open\n")).isInstanceOf(InvalidInputException.class)
                .hasMessage("CSV row 2, column 2: a quoted field is not closed");
        assertThatThrownBy(() -> CsvTable.parse("a,b\n\"x\"y,2\n"))
                .hasMessage("CSV row 2, column 1: unexpected 'y' after a closing quote");
        assertThatThrownBy(() -> CsvTable.parse("a,b\n1,2\n3\n"))
                .hasMessage("CSV row 3 has 1 fields, the header has 2 (a,b)");
    }

    @Test
    void oneColumnPerInput() {
        List<Tensor> tensors = CsvBatchReader.read(
                "alone,age,pclass,siblings\ntrue,29,1,0\n0,,\"3\",2\n", TITANIC_LIKE);
        assertThat(tensors).extracting(Tensor::name).containsExactly("alone", "age", "pclass", "siblings");
        assertThat(tensors.get(0).booleans()).containsExactly(true, false);
        assertThat(tensors.get(0).shape()).containsExactly(2, 1);
        assertThat(tensors.get(1).floats()[0]).isEqualTo(29f);
        assertThat(tensors.get(1).floats()[1]).as("an empty cell is a missing value").isNaN();
        assertThat(tensors.get(2).strings()).containsExactly("1", "3");
        assertThat(tensors.get(3).shape()).containsExactly(2);
        assertThat(tensors.get(3).longs()).containsExactly(0, 2);
    }

    @Test
    void oneRowPerBatchElementForASingleMatrixInput() {
        List<Tensor> tensors = CsvBatchReader.read("sepal_l,sepal_w,petal_l,petal_w\n5.1,3.5,1.4,0.2\n6.7,3,5.2,2.3\n",
                MATRIX);
        assertThat(tensors).hasSize(1);
        assertThat(tensors.get(0).shape()).containsExactly(2, 4);
        assertThat(tensors.get(0).floats()).containsExactly(5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3f, 5.2f, 2.3f);
    }

    @Test
    void malformedCellsNameTheirRowAndColumn() {
        assertThatThrownBy(() -> CsvBatchReader.read("pclass,age,siblings,alone\n1,29,0,true\n2,old,1,false\n",
                TITANIC_LIKE)).isInstanceOf(InvalidInputException.class)
                .hasMessage("CSV row 3, column 2 ('age'): 'old' is not a valid FP32 value for input 'age'");
        assertThatThrownBy(() -> CsvBatchReader.read("pclass,age,siblings,alone\n1,29,0,maybe\n", TITANIC_LIKE))
                .hasMessage("CSV row 2, column 4 ('alone'): 'maybe' is not a valid BOOL value for input 'alone'");
        assertThatThrownBy(() -> CsvBatchReader.read("a,b,c,d\n1,2,3,4f\n", MATRIX))
                .hasMessage("CSV row 2, column 4 ('d'): '4f' is not a valid FP32 value for input 'float_input'");
    }

    @Test
    void columnsThatFitNeitherRuleAreAnError() {
        assertThatThrownBy(() -> CsvBatchReader.read("a,b,c\n1,2,3\n", MATRIX))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("CSV columns [a, b, c] do not fit the model's inputs float_input (FP32 [?,4]) (columns "
                        + "that are not model inputs: a, b, c). Give one column per input, each input of shape [N] or "
                        + "[N,1]; or, for a model with a single [N,K] input, K columns");
        assertThatThrownBy(() -> CsvBatchReader.read("pclass,age\n1,2\n", TITANIC_LIKE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("missing input 'siblings' (INT64 [?]); given: pclass, age");
        List<IoSpec> notColumns = List.of(IoSpec.tensor("x", ElementType.FLOAT, Shape.of(1, 3)),
                IoSpec.tensor("y", ElementType.FLOAT, Shape.of(1)));
        assertThatThrownBy(() -> CsvBatchReader.read("x,y\n1,2\n", notColumns))
                .hasMessageContaining("(input 'x' has shape [1,3], not [N] or [N,1])");
        List<IoSpec> unsigned = List.of(IoSpec.tensor("u", ElementType.UINT16, new Shape(new long[] {-1}, new String[1])));
        assertThatThrownBy(() -> CsvBatchReader.read("u\n1\n", unsigned)).isInstanceOf(UnsupportedTypeException.class)
                .hasMessage("input 'u' has type uint16, which ONNX Runtime's Java API cannot create");
    }
}
