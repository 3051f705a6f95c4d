package io.artifex.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.artifex.core.model.GenerativeModel;
import io.artifex.core.random.Rng;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-JVM archive cache, without Spark: one load per location and checksum, URIs, replaced archives. */
class ModelCacheTest {

    @AfterEach
    void forget() {
        ModelCache.clear();
    }

    /**
     * The same source twice is one load and one instance; the same archive through a
     * {@code file:} URI (read through Hadoop's file system and copied to a local folder) draws the
     * same samples. Catches a cache that loads per call, and a copy that loses or mixes up files.
     */
    @Test
    void oneLoadPerSourceAndAUriGivesTheSameModel(@TempDir Path dir) {
        Path archive = TinyModels.save(TinyModels.vae(0), 5L, dir.resolve("vae"));
        ModelCache.clear();
        ArchiveSource local = ArchiveSource.of(archive);
        GenerativeModel first = ModelCache.get(local);
        assertThat(ModelCache.get(local)).isSameAs(first);
        assertThat(ModelCache.loads()).isEqualTo(1);

        ArchiveSource uri = ArchiveSource.of(archive.toUri().toString());
        assertThat(uri.isRemote()).isTrue();
        assertThat(uri.checksum()).isEqualTo(local.checksum());
        GenerativeModel copied = ModelCache.get(uri);
        assertThat(ModelCache.loads()).isEqualTo(2);
        try (NDManager scope = NDManager.newBaseManager()) {
            assertThat(copied.generate(2, scope, new Rng(3)).toFloatArray())
                    .containsExactly(first.generate(2, scope, new Rng(3)).toFloatArray());
        }
    }

    /**
     * An archive replaced after the driver read its checksum is refused with both checksums, not
     * loaded. Catches a cache that trusts the location alone (two models in one job's rows).
     */
    @Test
    void anArchiveReplacedAfterTheDriverReadItIsRefused(@TempDir Path dir) {
        Path archive = TinyModels.save(TinyModels.vae(0), 1L, dir.resolve("vae"));
        ArchiveSource source = ArchiveSource.of(archive);
        TinyModels.save(TinyModels.vae(0), 2L, archive);
        assertThat(ArchiveSource.of(archive).checksum()).isNotEqualTo(source.checksum());
        assertThatThrownBy(() -> ModelCache.get(source)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(source.checksum()).hasMessageContaining("replaced while the job ran");
        assertThatThrownBy(() -> new ArchiveSource(archive.toString(), "abc"))
                .hasMessageContaining("64 lower-case hex digits");
    }
}
