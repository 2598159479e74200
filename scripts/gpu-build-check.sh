#!/usr/bin/env bash
# The GPU build, checked on a machine without a GPU (issue 31; docs/deployment.md#the-gpu-build). .ci/run runs it
# after the tests. It fails (exit 1) unless all of this holds:
#   - the cuda Maven profile resolves and packages into */target-cuda/, beside the CPU build's */target/, which it
#     leaves alone; each lib/ holds its own ONNX Runtime jar and never the other;
#   - the launcher's ADAPTSEG_TORCH_LIB checks refuse a folder that is missing, CPU-only or of another PyTorch
#     version, and PYTORCH_LIBRARY_PATH without PYTORCH_FLAVOR, each in one line, before Java starts;
#   - with the GPU build, predict --providers cuda:0,cpu and tensorrt:device_id=0,cuda:0,cpu (java backend) and
#     cuda:0,cpu (native backend) write label files byte-identical to the CPU build's, name the missing CUDA
#     library of each provider in one line, and report that the CPU ran every node;
#   - --fallback fail exits 1 with one line naming the provider and the missing library, and writes no labels;
#   - DJL loads a libtorch folder named by PYTORCH_LIBRARY_PATH offline, with the JNI library of PYTORCH_FLAVOR.
# The model is the runtime's tiny contract model (Conv, Resize, ArgMax; edge-runtime's TestModels), the images
# a few synthetic Cityscapes frames from `adaptseg synth`. Takes 3-6 minutes on a loaded 2-core machine, most
# of it the build; the first run also unpacks the GPU jar's libraries (once per user, ~/.cache/adaptseg).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
W="$(mktemp -d "${TMPDIR:-/tmp}/adaptseg-gpu-check.XXXXXX")"
trap 'rm -rf "$W"' EXIT
failures=0
checks=0
ok() { checks=$((checks + 1)); echo "ok    $1"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL  $1"; }
expect() { # expect "what" command...: the command's success is the check
  local what=$1; shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
errors_of() { # a command's stderr without the JVM's Unsafe warnings and the launcher's once-per-build notes
  grep -vE '^WARNING: |^adaptseg: (building|writing the start-up cache|unpacking)' "$1" || true
}

# --- 1. the profile resolves and packages beside the CPU build -------------------------------------------------
cpu_jar=app/target/adaptseg.jar
cpu_before=$(stat -c %Y "$cpu_jar" 2>/dev/null || echo absent)
start=$SECONDS
if ! ./mvn25 -q -Pcuda -DskipTests package -pl app -am >"$W/build.log" 2>&1; then
  tail -n 40 "$W/build.log"
  echo "FAIL  ./mvn25 -Pcuda -DskipTests package -pl app -am (log above)"
  exit 1
fi
ok "./mvn25 -Pcuda -DskipTests package -pl app -am packaged into app/target-cuda in $((SECONDS - start)) s"
touch app/target-cuda/adaptseg.jar # as ./adaptseg does after a build: Maven leaves an unchanged jar's time alone
expect "app/target-cuda/lib holds onnxruntime_gpu and not the CPU onnxruntime jar" \
  bash -c 'compgen -G "app/target-cuda/lib/onnxruntime_gpu-*.jar" >/dev/null && ! compgen -G "app/target-cuda/lib/onnxruntime-[0-9]*.jar" >/dev/null'
if [ "$cpu_before" != absent ]; then
  expect "the CPU build's app/target was left alone (no clean needed to switch)" \
    test "$(stat -c %Y "$cpu_jar")" = "$cpu_before"
fi

# --- 2. the launcher's CUDA libtorch checks: one line, exit 1, before Java starts -------------------------------
refuses() { # refuses "what" "expected text" VAR=value...: ./adaptseg --help under those settings
  local what=$1 text=$2; shift 2
  local rc=0
  env "$@" ./adaptseg --help >"$W/launch.out" 2>"$W/launch.err" || rc=$?
  if [ "$rc" = 1 ] && [ "$(wc -l <"$W/launch.err")" = 1 ] && grep -qF "$text" "$W/launch.err"; then
    ok "$what: $(cat "$W/launch.err")"
  else
    fail "$what: expected exit 1 and one line with '$text', got exit $rc: $(head -c 400 "$W/launch.err")"
  fi
}
mkdir -p "$W/torch-cpu/lib" "$W/torch-old/lib"
touch "$W/torch-cpu/lib/libtorch.so" "$W/torch-old/lib/"{libtorch.so,libtorch_cuda.so,libc10_cuda.so}
echo "__version__ = '2.7.1+cpu'" >"$W/torch-cpu/version.py"
echo "__version__ = '2.6.0+cu124'" >"$W/torch-old/version.py"
refuses "ADAPTSEG_TORCH_LIB not a folder" "is not a folder" ADAPTSEG_TORCH_LIB="$W/nowhere"
refuses "ADAPTSEG_TORCH_LIB with a CPU-only PyTorch" "has no libtorch_cuda.so" ADAPTSEG_TORCH_LIB="$W/torch-cpu/lib"
refuses "ADAPTSEG_TORCH_LIB with PyTorch 2.6.0" "holds PyTorch 2.6.0+cu124" ADAPTSEG_TORCH_LIB="$W/torch-old/lib"
refuses "PYTORCH_LIBRARY_PATH without PYTORCH_FLAVOR" "PYTORCH_FLAVOR is not" PYTORCH_LIBRARY_PATH="$W/torch-old/lib"
refuses "ADAPTSEG_BUILD=gpu" "expected cpu (the default) or cuda" ADAPTSEG_BUILD=gpu

# --- 3. predict with the GPU build on this CPU -----------------------------------------------------------------
java="$(. scripts/jdk25.sh && adaptseg_find_jdk25 && echo "$ADAPTSEG_JAVA_HOME")/bin/java"
"$java" -cp "$(echo edge-runtime/target-cuda/adaptseg-edge-runtime-*-tests.jar):app/target-cuda/lib/*" \
  io.adaptseg.runtime.TestModels "$W/model.onnx" 64 128 2>/dev/null
./adaptseg synth --out "$W/synth" --size 160x80 --source-count 1 --target-train 1 --target-val 4 \
  --datasets cityscapes >"$W/synth.log" 2>&1 || { cat "$W/synth.log"; echo "FAIL  adaptseg synth"; exit 1; }
P=(predict --model "$W/model.onnx" --cityscapes "$W/synth/cityscapes" --split val)
./adaptseg "${P[@]}" --out "$W/cpu" >"$W/cpu.log" 2>"$W/cpu.err" || { cat "$W/cpu.log" "$W/cpu.err"; echo "FAIL  CPU build predict"; exit 1; }
labels=$(find "$W/cpu/labelIds" "$W/cpu/trainIds" -name '*.png' | wc -l)
[ "$labels" -gt 0 ] || { echo "FAIL  the CPU build wrote no label files"; exit 1; }

gpu_predict() { # gpu_predict NAME "providers" [predict options...]: the GPU build's run, with the checks of part 3
  local name=$1 providers=$2; shift 2
  local rc=0 kind lines
  ADAPTSEG_BUILD=cuda ./adaptseg "${P[@]}" --providers "$providers" "$@" --out "$W/$name" \
    >"$W/$name.log" 2>"$W/$name.err" || rc=$?
  expect "$name: --providers $providers $* exits 0" test "$rc" = 0
  expect "$name: labelIds and trainIds byte-identical to the CPU build's ($labels files)" \
    diff -r "$W/cpu/labelIds" "$W/$name/labelIds" -q
  diff -rq "$W/cpu/trainIds" "$W/$name/trainIds" >/dev/null || fail "$name: trainIds differ from the CPU build's"
  for kind in ${providers//,/ }; do
    kind=${kind%%:*}
    [ "$kind" = cpu ] && continue
    lines=$(grep -c "^fallback: execution provider $kind" "$W/$name.log" || true)
    if [ "$lines" = 1 ] && grep "^fallback: execution provider $kind" "$W/$name.log" \
        | grep -qE "cannot load libonnxruntime_providers_$kind\.so: lib[A-Za-z0-9_+-]+\.so(\.[0-9]+)* is not on the library path"; then
      ok "$name: $kind names its missing library in one line: $(grep "^fallback: execution provider $kind" "$W/$name.log" \
        | sed -E 's/.*(cannot load [^;]*) is not on the library path.*/\1 missing/')"
    else
      fail "$name: expected one fallback line for $kind naming the missing library, found: $(grep '^fallback:' "$W/$name.log" | head -c 600)"
    fi
  done
  expect "$name: placement says the CPU ran every node ($(grep '^placement:' "$W/$name.log" || true))" \
    grep -qE '^placement: CPUExecutionProvider [0-9]+ nodes?$' "$W/$name.log"
}
gpu_predict cuda-java "cuda:0,cpu"
gpu_predict tensorrt-java "tensorrt:device_id=0,cuda:0,cpu"
gpu_predict cuda-native "cuda:0,cpu" --backend native

rc=0
ADAPTSEG_BUILD=cuda ./adaptseg "${P[@]}" --providers cuda:0,cpu --fallback fail --out "$W/fail" \
  >"$W/fail.log" 2>"$W/fail.err" || rc=$?
message=$(errors_of "$W/fail.err")
if [ "$rc" = 1 ] && [ "$(printf '%s\n' "$message" | wc -l)" = 1 ] && [[ "$message" == *"cuda:device_id=0"* ]] \
    && [[ "$message" =~ libonnxruntime_providers_cuda\.so:\ lib[A-Za-z0-9_+-]+\.so ]]; then
  ok "--fallback fail exits 1 with one line naming the provider and the library: ${message:0:200}..."
else
  fail "--fallback fail: expected exit 1 and one line naming cuda:device_id=0 and the library, got exit $rc: $message"
fi
expect "--fallback fail wrote no label file" \
  test "$(find "$W/fail" -name '*.png' 2>/dev/null | wc -l)" = 0

# --- 4. DJL 0.35.1 loads a libtorch it did not unpack, offline, as the launcher's ADAPTSEG_TORCH_LIB relies on ---
# No CUDA libtorch here, so the same mechanism is shown with the CPU libtorch of the pytorch-native-cpu jar, laid
# out as a pip torch/lib folder is (no JNI library in it): PYTORCH_LIBRARY_PATH picks the folder, PYTORCH_FLAVOR
# picks the JNI library inside the pytorch-jni jar (cpu here; cu128 for CUDA), nothing is downloaded.
cat >"$W/TorchProbe.java" <<'JAVA'
public class TorchProbe {
    public static void main(String[] args) {
        ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            System.out.println("libtorch " + ai.djl.pytorch.jni.LibUtils.getLibtorchPath() + " version "
                    + engine.getVersion() + " sum " + m.arange(10f).sum().getFloat());
        }
    }
}
JAVA
djl_cache="${DJL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/adaptseg/djl}"
probe() { DJL_CACHE_DIR="$djl_cache" "$java" -Dai.djl.offline=true -cp "app/target-cuda/lib/*" "$W/TorchProbe.java" 2>"$W/probe.err"; }
bundled=$(probe | sed -n 's/^libtorch \([^ ]*\) .*/\1/p')
if [ -n "$bundled" ] && [ -f "$bundled/libtorch.so" ]; then
  mkdir -p "$W/torch/lib"
  for f in "$bundled"/*.so*; do case "$f" in *djl_torch*) ;; *) ln -s "$f" "$W/torch/lib/" ;; esac; done
  got=$(PYTORCH_LIBRARY_PATH="$W/torch/lib" PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cpu probe || true)
  expect "DJL loads libtorch from PYTORCH_LIBRARY_PATH offline, JNI from the pytorch-jni jar ($got)" \
    test "$got" = "libtorch $W/torch/lib version 2.7.1 sum 45.0"
  got=$(PYTORCH_LIBRARY_PATH="$W/torch/lib" probe 2>&1 || true)
  expect "without PYTORCH_FLAVOR DJL looks for a JNI library the jar does not have (why the launcher asks for it)" \
    grep -q 'jnilib/linux-x86_64/cpu-precxx11/libdjl_torch.so' "$W/probe.err"
else
  fail "the bundled CPU libtorch did not load: $(grep -v '^WARNING' "$W/probe.err" | tail -n 3)"
fi

echo "gpu-build-check: $((checks - failures)) passed, $failures failed"
[ "$failures" = 0 ]
