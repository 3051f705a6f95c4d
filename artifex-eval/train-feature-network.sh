#!/usr/bin/env bash
# Reproduces a shipped feature network of artifex-eval.
# usage: artifex-eval/train-feature-network.sh <mnist|fashion-mnist> <outputDir> <epochs> <seed>
# Run from the repository root. Builds the modules it needs (offline), then runs
# io.artifex.eval.features.TrainFeatureNetwork on the CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=artifex-eval/target/train-classpath.txt
mvn -B -q -o -pl artifex-eval -am compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test >/dev/null
java -Xmx6g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
    -cp "artifex-eval/target/classes:$(cat "$cp_file")" \
    io.artifex.eval.features.TrainFeatureNetwork "$@"
