package io.artifex.examples;

import io.artifex.core.config.data.TokenizerConfig;
import io.artifex.core.config.training.OptimizerConfig;
import io.artifex.core.config.training.OptimizerType;
import io.artifex.core.config.training.TrainerConfig;
import io.artifex.core.config.training.WeightDecayScope;
import io.artifex.core.model.DecodingOptions;
import io.artifex.core.random.Rng;
import io.artifex.core.registry.Models;
import io.artifex.data.Split;
import io.artifex.data.text.TextBatchSource;
import io.artifex.data.text.TextCorpus;
import io.artifex.data.text.TextDataset;
import io.artifex.data.text.tokenizer.Tokenizer;
import io.artifex.eval.text.TextLikelihood;
import io.artifex.eval.text.TextMeasures;
import io.artifex.examples.run.TextRun;
import io.artifex.models.autoregressive.transformer.TransformerConfig;
import io.artifex.models.autoregressive.transformer.TransformerLm;
import io.artifex.training.Trainer;
import io.artifex.training.TrainingResult;
import io.artifex.training.callbacks.ProgressBarCallback;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Transformer language model: nanoGPT's small character-level network (4 pre-norm blocks of width
 * 128, 4 heads, context 64, no dropout) on the embedded Tiny Shakespeare with a character
 * tokenizer, trained for 500 steps of 12 windows (about a minute on two cores), then measured on
 * the held-out speeches (nats per character) and asked to continue the prompt {@code ROMEO:} with
 * temperature 0.8 and top-k 40. The continuations go to {@code transformer-samples.txt} and the
 * console. {@code --samples} is the number of continuations, each 200 characters.
 *
 * <pre>./mvnw -q -pl artifex-examples -am compile exec:java -Dexec.mainClass=io.artifex.examples.TextTransformerExample</pre>
 * Options: {@code -Dexec.args="--steps 500 --samples 2 --out . --seed 0"} (see {@link ExampleOptions}).
 *
 * <p>Thread-safety: not designed for concurrent use: a command-line program meant to run once per
 * process.
 */
public final class TextTransformerExample {

    /** Training steps when {@code --steps} is not given. */
    public static final long DEFAULT_STEPS = 500;
    /** The prompt every continuation starts from. */
    public static final String PROMPT = "ROMEO:";
    /** New characters per continuation. */
    public static final int NEW_TOKENS = 200;

    private TextTransformerExample() {
    }

    /** Runs the example with the options in {@code args} (default 500 steps, 2 continuations). */
    public static void main(String[] args) throws Exception {
        ExampleResult result = run(ExampleOptions.parse(args, 1, 2));
        System.out.println(java.nio.file.Files.readString(result.picture()));
        result.print("Transformer");
    }

    /** Prepares the data, builds, trains, measures and samples; writes {@code transformer-samples.txt} into {@code options.out()}. */
    public static ExampleResult run(ExampleOptions options) throws Exception {
        // data: the speeches of Tiny Shakespeare, one character per token, 10 % of the speeches held out
        TextDataset text = TextDataset.builder().corpus(TextCorpus.embedded("tiny-shakespeare"))
                .tokenizer(TokenizerConfig.builder().kind("char").build()).build();
        Tokenizer tokenizer = text.tokenizer();
        TextBatchSource train = text.source(Split.TRAIN, 65, 12, options.seed(), true);
        TextBatchSource test = text.source(Split.TEST, 65, 16, options.seed(), false);

        // model: windows of 65 characters, the network reads 64 and predicts the next of each
        TransformerConfig config = TransformerConfig.builder().name("shakespeare-char")
                .vocabSize(tokenizer.vocabSize()).contextLength(64).numLayers(4).numHeads(4).width(128)
                .dropout(0.0).padTokenId(tokenizer.padId()).endOfTextTokenId(tokenizer.endOfTextId()).build();
        long steps = options.steps() > 0 ? options.steps() : DEFAULT_STEPS;
        TrainerConfig training = TrainerConfig.builder().epochs(options.epochs() + (int) (steps / train.batchesPerEpoch()))
                .maxSteps(steps).batchSize(12).seed(options.seed()).validateEvery(0)
                .optimizer(OptimizerConfig.builder().type(OptimizerType.ADAMW).learningRate(1e-3).beta2(0.99)
                        .weightDecay(0.1).weightDecayOn(WeightDecayScope.MATRICES).build()).logEvery(100).build();

        Path file = options.out().resolve("transformer-samples.txt");
        try (TransformerLm lm = (TransformerLm) Models.create(config, options.seed())) {
            TrainingResult result = new Trainer(training, List.of(new ProgressBarCallback(System.out)))
                    .fit(lm, train, null);
            TextMeasures heldOut = TextLikelihood.measure(lm, test);
            List<String> samples = TextRun.continuations(lm, tokenizer, PROMPT, options.samples(), NEW_TOKENS,
                    DecodingOptions.sampling().withTemperature(0.8).withTopK(40), new Rng(options.seed() + 1));
            System.out.printf(Locale.ROOT, "held-out speeches: %.3f nats per character (%.3f bits per byte)%n",
                    heldOut.natsPerToken(), heldOut.bitsPerByte());
            TextRun.writeSamples(samples, file);
            return ExampleResult.of(file, result);
        }
    }
}
