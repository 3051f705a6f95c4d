package io.artifex.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wait-policy rules: the user's choice wins, passive otherwise, and never after the engine loaded. */
class ThreadWaitPolicyTest {

    /** Neither OMP_WAIT_POLICY in the environment nor the system property. */
    private static final String UNSET = null;

    @Test
    void passiveByDefaultAndTheUsersEnvironmentIsNeverChanged() {
        assertThat(ThreadWaitPolicy.decide(UNSET, UNSET).value()).isEqualTo("PASSIVE");
        assertThat(ThreadWaitPolicy.decide("", UNSET).value()).isEqualTo("PASSIVE");
        assertThat(ThreadWaitPolicy.decide("ACTIVE", UNSET).value()).isNull();
        assertThat(ThreadWaitPolicy.decide("ACTIVE", "passive").value()).isNull();
        assertThat(ThreadWaitPolicy.decide(UNSET, "Active").value()).isEqualTo("ACTIVE");
        assertThat(ThreadWaitPolicy.decide(UNSET, "engine").value()).isNull();
        assertThatThrownBy(() -> ThreadWaitPolicy.decide(UNSET, "spin"))
                .hasMessageContaining(ThreadWaitPolicy.PROPERTY).hasMessageContaining("passive, active, engine");
    }

    @Test
    void writesTheValueOnlyBeforeOpenMpIsLoaded() {
        List<String> written = new ArrayList<>();
        String before = ThreadWaitPolicy.apply(UNSET, UNSET, maps -> false, v -> written.add(v));
        assertThat(written).containsExactly("PASSIVE");
        assertThat(before).contains("OMP_WAIT_POLICY=PASSIVE");

        written.clear();
        String after = ThreadWaitPolicy.apply(UNSET, UNSET, maps -> true, v -> written.add(v));
        assertThat(written).isEmpty();
        assertThat(after).contains("engine loaded before");

        String userSet = ThreadWaitPolicy.apply("ACTIVE", UNSET, maps -> false, v -> written.add(v));
        assertThat(written).isEmpty();
        assertThat(userSet).contains("set by the user");
    }

    @Test
    void detectsAnOpenMpRuntimeAmongTheMappedLibraries(@TempDir Path dir) throws Exception {
        Path without = Files.writeString(dir.resolve("a"), "7f00-7f01 r-xp 0 08:01 1 /usr/lib/libc.so.6\n");
        Path with = Files.writeString(dir.resolve("b"), "7f00-7f01 r-xp 0 08:01 1 /tmp/libgomp-98b21ff3.so.1\n");
        assertThat(ThreadWaitPolicy.openMpLoaded(without)).isFalse();
        assertThat(ThreadWaitPolicy.openMpLoaded(with)).isTrue();
        assertThat(ThreadWaitPolicy.openMpLoaded(dir.resolve("missing"))).isFalse();
    }

    @Test
    void theProcessEnvironmentHoldsThePolicyOnceTheDeviceManagerIsLoaded() {
        DeviceManager.get();
        String summary = DeviceManager.get().summary();
        assertThat(summary).contains("thread waiting");
        if (System.getenv(ThreadWaitPolicy.ENVIRONMENT_VARIABLE) == null && summary.contains("library default")) {
            assertThat(ThreadWaitPolicy.processEnvironment(ThreadWaitPolicy.ENVIRONMENT_VARIABLE)).isEqualTo("PASSIVE");
        }
    }
}
