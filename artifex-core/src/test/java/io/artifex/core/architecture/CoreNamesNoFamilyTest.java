package io.artifex.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core holds contracts, shared layers and the registry mechanism; every family lives in its own
 * package of artifex-models and registers itself. This test reads core's main sources and fails
 * if any of them names a family, by class name or by type id.
 */
class CoreNamesNoFamilyTest {

    private static final Pattern FAMILY_CLASS = Pattern.compile(
            "\\b\\w*(?:Vae|VqVae|Gan|Ddpm|Diffusion|RealNvp|Glow|Maf|Ebm|Energy|PixelCnn|WaveNet|Transformer)\\w*\\b");
    private static final Pattern FAMILY_ID = Pattern.compile(
            "\"(?:vae|dcgan|gan|mlp-gan|ddpm|mlp-diffusion|realnvp|glow|maf|ebm|pixelcnn|vqvae|transformer)\"");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void noMainSourceOfCoreNamesAFamily() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        List<String> offences = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String code = COMMENT.matcher(Files.readString(file)).replaceAll("");
                for (Pattern pattern : List.of(FAMILY_CLASS, FAMILY_ID)) {
                    Matcher m = pattern.matcher(code);
                    while (m.find()) {
                        offences.add(sources.relativize(file) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(files).as("core's main sources were found").isGreaterThan(50);
        assertThat(offences).as("core names no family").isEmpty();
    }

    @Test
    void theScanSeesAFamilyNameWhereOneIsWritten() {
        // negative control: the patterns do match the names they are meant to catch
        String planted = "import io.artifex.models.vae.VaeConfig; String id = \"ddpm\";";
        assertThat(FAMILY_CLASS.matcher(planted).find()).isTrue();
        assertThat(FAMILY_ID.matcher(planted).find()).isTrue();
        assertThat(FAMILY_CLASS.matcher("GenerativeModel LatentModel GroupNorm").find()).isFalse();
    }
}
