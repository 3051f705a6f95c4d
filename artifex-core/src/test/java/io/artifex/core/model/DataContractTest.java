package io.artifex.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.artifex.core.config.data.DataConfig;
import io.artifex.core.config.data.Preprocessing;
import io.artifex.core.image.ValueRange;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract's rules on hand-made batches whose ranges, grids and shapes are known by construction. */
class DataContractTest {

    private static final Shape IMAGE = new Shape(1, 2, 2);

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A batch (2, 1, 2, 2) holding {@code values} (8 of them). */
    private NDArray batch(float... values) {
        return manager.create(values, new Shape(2, 1, 2, 2));
    }

    @Test
    void symmetricRangeRefusesZeroOneDataAndNamesTheScale11TransformAndWhatItFound() {
        DataContract c = DataContract.of(ValueRange.MINUS_ONE_ONE, IMAGE);
        NDArray zeroOne = batch(0f, 0.25f, 0.5f, 1f, 0f, 0.1f, 0.9f, 0.75f);
        assertThatThrownBy(() -> c.check(zeroOne, "DiffusionModel 'ddpm'", "the first training batch"))
                .isInstanceOf(DataContractException.class)
                .hasMessageContaining("DiffusionModel 'ddpm' expects values in [-1, 1]")
                .hasMessageContaining("the first training batch has values in [0, 1] (shape (2, 1, 2, 2))")
                .hasMessageContaining("none below 0")
                .hasMessageContaining("'scale11'")
                .hasMessageContaining("io.artifex.data.transform.Transforms.scaleToSymmetric()")
                .hasMessageContaining("preprocessing: auto");
        assertThat(c.mismatch(batch(-1f, -0.5f, 0f, 1f, 0.2f, -0.9f, 0.3f, 0.4f))).isEmpty();
        assertThat(c.mismatch(batch(0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f))).as("an all-zero batch is not [0, 1] data").isEmpty();
    }

    @Test
    void unitRangeRefusesSymmetricDataAndNamesEveryDeclaredTransform() {
        DataContract c = DataContract.bounded(0, 1, IMAGE, Preprocessing.BINARIZE, Preprocessing.SCALE01);
        NDArray symmetric = batch(-1f, -0.5f, 0f, 1f, 0.2f, -0.9f, 0.3f, 0.4f);
        assertThatThrownBy(() -> c.check(symmetric, "Vae 'vae'", "the first test batch"))
                .isInstanceOf(DataContractException.class)
                .hasMessageContaining("values in [-1, 1]")
                .hasMessageContaining("outside [0, 1]")
                .hasMessageContaining("'binarize' or 'scale01'")
                .hasMessageContaining("Transforms.binarise() or io.artifex.data.transform.Transforms.scaleTo01()");
        assertThat(c.mismatch(batch(0f, 1f, 0.5f, 0.25f, 0f, 1f, 1f, 0f))).isEmpty();
    }

    @Test
    void boundsAreTheDeclaredOnesWithOnlyARoundingTolerance() {
        DataContract c = DataContract.of(ValueRange.ZERO_ONE, IMAGE);
        // exactly on the bounds passes; a thousandth beyond either bound does not
        assertThat(c.mismatch(batch(0f, 1f, 0f, 1f, 0f, 1f, 0f, 1f))).isEmpty();
        assertThat(c.mismatch(batch(0f, 1.001f, 0f, 1f, 0f, 1f, 0f, 1f))).get().asString().contains("outside [0, 1]");
        assertThat(c.mismatch(batch(-0.001f, 1f, 0f, 1f, 0f, 1f, 0f, 1f))).get().asString().contains("outside [0, 1]");
        assertThat(c.mismatch(batch(0f, 255f, 3f, 1f, 0f, 1f, 0f, 1f))).get().asString()
                .contains("[0, 255]").contains("raw 0..255");
    }

    @Test
    void shapeMismatchIsRefusedNamingBothShapesAndFlatExamplesAreAccepted() {
        DataContract c = DataContract.of(ValueRange.ZERO_ONE, IMAGE);
        NDArray wrong = manager.zeros(new Shape(2, 3, 2, 2));
        assertThatThrownBy(() -> c.check(wrong, "Vae 'vae'", "the first training batch"))
                .isInstanceOf(DataContractException.class)
                .hasMessageContaining("has shape (2, 3, 2, 2) (12 values per example, not 4)")
                .hasMessageContaining("examples have shape (1, 2, 2)");
        assertThat(c.mismatch(manager.ones(new Shape(3, 4)))).as("flat (N, 4)").isEmpty();
        assertThat(c.mismatch(manager.ones(new Shape(4)))).as("no batch axis").isPresent();
    }

    @Test
    void discreteContractRefusesValuesOffItsLevels() {
        DataContract c = DataContract.discrete(256, IMAGE, Preprocessing.SCALE01);
        float[] levels = {0f, 1f, 17f / 255, 254f / 255, 128f / 255, 3f / 255, 200f / 255, 1f};
        assertThat(c.mismatch(batch(levels))).isEmpty();
        float[] halfway = levels.clone();
        halfway[2] = 17.5f / 255;
        assertThat(c.mismatch(batch(halfway))).get().asString().contains("1 of 8 values off the levels k / 255");
        // 4 levels: 1/3 is a level, 0.5 is not
        DataContract four = DataContract.discrete(4, IMAGE);
        assertThat(four.mismatch(batch(0f, 1f / 3, 2f / 3, 1f, 0f, 0f, 0f, 0f))).isEmpty();
        assertThat(four.mismatch(batch(0f, 0.5f, 2f / 3, 1f, 0f, 0f, 0f, 0f))).isPresent();
    }

    @Test
    void dequantisedContractRefusesPixelsOnTheEightBitGridAndNamesDequantize() {
        DataContract c = DataContract.dequantized(IMAGE);
        NDArray scale01 = batch(0f, 1f, 17f / 255, 254f / 255, 128f / 255, 3f / 255, 200f / 255, 1f);
        assertThatThrownBy(() -> c.check(scale01, "RealNvp 'flow'", "the first training batch"))
                .isInstanceOf(DataContractException.class)
                .hasMessageContaining("every value on the 8-bit grid k / 255")
                .hasMessageContaining("'dequantize'")
                .hasMessageContaining("Transforms.dequantise()");
        NDArray dequantised = batch(0.3f / 256, 17.6f / 256, 254.2f / 256, 255.9f / 256, 3.5f / 256, 0.01f, 0.7f, 0.123f);
        assertThat(c.mismatch(dequantised)).isEmpty();
    }

    /**
     * Token windows: int32 ids in [0, V), any length from 2 to the longest; an id of V, a fraction
     * or a window too long or of another rank is refused naming what was found and the fix.
     * Planted bugs caught: the upper bound taken as inclusive of V, a window shorter than the
     * longest refused as an image of the wrong shape would be.
     */
    @Test
    void tokenContractTakesIntegerIdsOfTheVocabularyInWindowsUpToTheLongest() {
        DataContract c = DataContract.tokens(5, 4);
        assertThat(c.kind()).isEqualTo(DataContract.Kind.TOKENS);
        assertThat(c.levels()).isEqualTo(5);
        assertThat(c.describe()).isEqualTo("integer token ids in [0, 5), windows (N, T) of 2 to 4 tokens");
        assertThat(c.mismatch(manager.create(new int[] {0, 4, 3, 1}, new Shape(2, 2)))).isEmpty();
        assertThat(c.mismatch(manager.create(new int[] {0, 4, 3, 1, 2, 2, 0, 1}, new Shape(2, 4)))).isEmpty();
        assertThat(c.mismatch(manager.create(new int[] {0, 5, 3, 1}, new Shape(2, 2)))).get().asString()
                .contains("outside the ids [0, 5)");
        assertThat(c.mismatch(manager.create(new float[] {0f, 1.5f, 3f, 1f}, new Shape(2, 2)))).get().asString()
                .contains("1 of 4 values not integers");
        assertThat(c.mismatch(manager.create(new int[10], new Shape(2, 5)))).get().asString()
                .contains("not (N, T) with 2 <= T <= 4");
        assertThat(c.mismatch(manager.create(new int[8], new Shape(2, 2, 2)))).isPresent();
        assertThatThrownBy(() -> c.check(manager.create(new int[] {0, 9}, new Shape(1, 2)), "TransformerLm 'lm'",
                "the first training batch")).isInstanceOf(DataContractException.class)
                .hasMessageContaining("TransformerLm 'lm' expects integer token ids in [0, 5)")
                .hasMessageContaining("set vocabSize to the tokenizer's");
        assertThatThrownBy(() -> DataContract.tokens(1, 4)).hasMessageContaining("at least 2 ids");
    }

    @Test
    void nonFiniteValuesAreRefusedEvenByAnUnboundedContract() {
        DataContract c = DataContract.real(IMAGE);
        assertThat(c.mismatch(batch(1e6f, -3e5f, 0f, 1f, 0f, 1f, 0f, 1f))).isEmpty();
        assertThat(c.mismatch(batch(Float.NaN, 0f, 0f, 1f, 0f, 1f, 0f, 1f))).get().asString().contains("NaN");
        assertThat(DataContract.any().mismatch(manager.ones(new Shape(2, 7, 3)))).isEmpty();
    }

    @Test
    void boundedRangeWithoutABuiltInPreprocessingSaysToScaleTheDataYourself() {
        DataContract c = DataContract.bounded(-3, 3, new Shape(2));
        NDArray far = manager.create(new float[] {-1f, 4f, 0f, 1f}, new Shape(2, 2));
        assertThatThrownBy(() -> c.check(far, "Ebm 'ebm'", "the first training batch"))
                .hasMessageContaining("outside [-3, 3]")
                .hasMessageContaining("Scale the data into this range yourself");
    }

    @Test
    void autoResolvesToTheFirstDeclaredPreprocessingAndLeavesOtherConfigsAlone() {
        DataConfig auto = DataConfig.of("mnist", Preprocessing.AUTO);
        assertThat(DataContract.of(ValueRange.MINUS_ONE_ONE, IMAGE).resolve(auto).preprocessing())
                .isEqualTo(Preprocessing.SCALE11);
        assertThat(DataContract.bounded(0, 1, IMAGE, Preprocessing.BINARIZE, Preprocessing.SCALE01).resolve(auto)
                .preprocessing()).isEqualTo(Preprocessing.BINARIZE);
        assertThat(DataContract.dequantized(IMAGE).resolve(auto).preprocessing()).isEqualTo(Preprocessing.DEQUANTIZE);
        assertThat(DataContract.real(IMAGE).resolve(auto).preprocessing()).isEqualTo(Preprocessing.SCALE01);
        DataConfig explicit = DataConfig.of("mnist", Preprocessing.SCALE01);
        assertThat(DataContract.of(ValueRange.MINUS_ONE_ONE, IMAGE).resolve(explicit)).isSameAs(explicit);
        assertThat(Preprocessing.fromId("auto")).isEqualTo(Preprocessing.AUTO);
        assertThatThrownBy(() -> DataContract.bounded(0, 1, IMAGE, Preprocessing.AUTO))
                .hasMessageContaining("concrete preprocessings");
    }

    @Test
    void valueRangeIsReportedOnlyForTheTwoImageRanges() {
        assertThat(DataContract.of(ValueRange.MINUS_ONE_ONE, IMAGE).valueRange()).contains(ValueRange.MINUS_ONE_ONE);
        assertThat(DataContract.dequantized(IMAGE).valueRange()).contains(ValueRange.ZERO_ONE);
        assertThat(DataContract.bounded(-2, 2, IMAGE).valueRange()).isEmpty();
        assertThat(DataContract.real(IMAGE).valueRange()).isEmpty();
        assertThat(Arrays.stream(Preprocessing.values()).filter(p -> p.transformMethod().isEmpty()))
                .containsExactly(Preprocessing.AUTO);
    }
}
