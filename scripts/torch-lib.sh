# Sourced by ./adaptseg: points DJL's PyTorch engine at a CUDA libtorch the user already has
# (docs/deployment.md#the-gpu-build). No CUDA libtorch 2.7.1 is served as a Maven artefact, but DJL 0.35.1
# loads any libtorch folder named by PYTORCH_LIBRARY_PATH, and the pytorch-jni jar on the class path carries
# a cu128 JNI library beside the cpu one. DJL then needs PYTORCH_VERSION (2.7.1: the JNI's version check) and
# PYTORCH_FLAVOR (the JNI folder in that jar, cu128); with PYTORCH_FLAVOR unset it guesses "cpu-precxx11" or
# "cu<driver's CUDA>-precxx11", neither of which is in the jar.

ADAPTSEG_TORCH_VERSION=2.7.1 # the PyTorch that DJL 0.35.1's JNI library is built for (pom.xml pytorch.jni.version)
ADAPTSEG_TORCH_JNI_FLAVOR=cu128 # the only CUDA JNI library inside ai.djl.pytorch:pytorch-jni:2.7.1-0.35.1

adaptseg_torch_fail() { # one line on stderr, exit 1
  echo "adaptseg: $*" >&2
  exit 1
}

# adaptseg_torch_version DIR: prints the PyTorch version of a torch/lib or libtorch/lib folder (e.g.
# 2.7.1+cu128, or 2.7.1 for PyPI's default CUDA wheel), read from ../version.py (pip) or ../build-version
# (the libtorch zip); prints nothing when neither file is there.
adaptseg_torch_version() {
  local dir=$1
  if [ -f "$dir/../version.py" ]; then
    sed -n "s/^__version__[^=]*= *['\"]\([^'\"]*\)['\"].*/\1/p" "$dir/../version.py" | head -n 1
  elif [ -f "$dir/../build-version" ]; then
    head -n 1 "$dir/../build-version" | tr -d '[:space:]'
  fi
}

# adaptseg_use_torch_lib DIR: checks DIR and exports DJL's settings for it, or exits with one line.
adaptseg_use_torch_lib() {
  local dir=$1 version lib
  [ -d "$dir" ] || adaptseg_torch_fail "ADAPTSEG_TORCH_LIB=$dir is not a folder (expected the lib folder of a CUDA build of PyTorch $ADAPTSEG_TORCH_VERSION, e.g. .../site-packages/torch/lib)"
  for lib in libtorch.so libtorch_cuda.so libc10_cuda.so; do
    [ -f "$dir/$lib" ] || {
      if [ "$lib" = libtorch.so ]; then
        adaptseg_torch_fail "ADAPTSEG_TORCH_LIB=$dir has no libtorch.so: point it at the lib folder of PyTorch $ADAPTSEG_TORCH_VERSION (pip: the torch/lib folder beside torch/__init__.py)"
      fi
      adaptseg_torch_fail "ADAPTSEG_TORCH_LIB=$dir has no $lib: that is a CPU-only PyTorch; install a CUDA build of PyTorch $ADAPTSEG_TORCH_VERSION (e.g. pip install torch==$ADAPTSEG_TORCH_VERSION)"
    }
  done
  version=$(adaptseg_torch_version "$dir")
  [ -n "$version" ] || adaptseg_torch_fail "ADAPTSEG_TORCH_LIB=$dir: cannot tell its PyTorch version (no ../version.py as pip installs it, no ../build-version as the libtorch zip has it)"
  [ "${version%%+*}" = "$ADAPTSEG_TORCH_VERSION" ] || adaptseg_torch_fail "ADAPTSEG_TORCH_LIB=$dir holds PyTorch $version; DJL 0.35.1's JNI library needs PyTorch $ADAPTSEG_TORCH_VERSION (pip install torch==$ADAPTSEG_TORCH_VERSION)"
  export PYTORCH_LIBRARY_PATH="$dir" PYTORCH_VERSION="$ADAPTSEG_TORCH_VERSION" PYTORCH_FLAVOR="$ADAPTSEG_TORCH_JNI_FLAVOR"
}

# adaptseg_check_torch_settings: ADAPTSEG_TORCH_LIB when given; DJL's own PYTORCH_LIBRARY_PATH is passed
# through, but without PYTORCH_FLAVOR DJL would look for a JNI library that is not in the jar.
adaptseg_check_torch_settings() {
  if [ -n "${ADAPTSEG_TORCH_LIB:-}" ]; then
    adaptseg_use_torch_lib "$ADAPTSEG_TORCH_LIB"
  elif [ -n "${PYTORCH_LIBRARY_PATH:-}" ] && [ -z "${PYTORCH_FLAVOR:-}" ]; then
    adaptseg_torch_fail "PYTORCH_LIBRARY_PATH is set but PYTORCH_FLAVOR is not: set PYTORCH_FLAVOR=$ADAPTSEG_TORCH_JNI_FLAVOR for a CUDA libtorch (cpu for a CPU one), or use ADAPTSEG_TORCH_LIB=DIR, which checks the folder and sets both"
  fi
}
