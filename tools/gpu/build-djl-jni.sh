#!/usr/bin/env bash
# Builds DJL 0.35.1's PyTorch JNI against the libtorch of this machine and installs it where DJL looks, so that
# align4j runs on a GPU machine without network access (DJL would otherwise download a JNI for libtorch 2.7.1).
#
#   tools/gpu/build-djl-jni.sh DJL_SOURCE [TORCH_DIR]
#
# DJL_SOURCE: a git clone of github.com/deepjavalibrary/djl (tag v0.35.1 is used), or an already extracted
#   pytorch-native folder with native/, include/ and jnih/ (then no JDK compiler is needed).
# TORCH_DIR: a libtorch folder or a pip torch package (…/site-packages/torch); default: python3's torch.
# Env: JAVA_HOME (for include/jni.h, and javac when the header must be generated), DJL_CACHE_DIR (default
#   ~/.djl.ai), BUILD_DIR (default /tmp/djl-jni-build), CUDA_ARCH (default: the GPU's, e.g. 9.0).
# Prints the environment variables to run align with. Needs cmake (>= 3.18), a C++17 compiler, and nvcc for a
# CUDA libtorch.
set -euo pipefail
die() { echo "build-djl-jni: $*" >&2; exit 1; }
[[ $# -ge 1 ]] || die "usage: $0 DJL_SOURCE [TORCH_DIR]"
SRC=$1
TORCH=${2:-$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))' 2>/dev/null)} \
  || die "no TORCH_DIR given and python3 has no torch"
[[ -f $TORCH/lib/libtorch.so ]] || die "$TORCH/lib/libtorch.so not found: give a libtorch or pip torch folder"
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[[ -f $JAVA_HOME/include/jni.h ]] || die "$JAVA_HOME/include/jni.h not found: set JAVA_HOME to a JDK (or a runtime with include/)"
B=${BUILD_DIR:-/tmp/djl-jni-build}; rm -rf "$B"; mkdir -p "$B/src"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# 1. DJL's JNI sources at v0.35.1 (the version of the pytorch-engine jar align4j uses)
if [[ -d $SRC/native && -d $SRC/include ]]; then
  cp -r "$SRC/native" "$SRC/include" "$B/src/"; [[ -d $SRC/jnih ]] && cp -r "$SRC/jnih" "$B/src/"
else
  git -C "$SRC" rev-parse -q --verify v0.35.1 >/dev/null || die "$SRC has no tag v0.35.1 (git fetch --tags)"
  git -C "$SRC" archive v0.35.1 engines/pytorch/pytorch-native/src/main/native api/src/main/native/djl/utils.h \
      engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java | tar -x -C "$B"
  N=$B/engines/pytorch/pytorch-native/src/main/native
  mkdir -p "$B/src/native" "$B/src/include/djl"
  cp "$N"/*.cc "$B/src/native/"; cp "$N"/*.h "$B/src/include/"; cp "$B/api/src/main/native/djl/utils.h" "$B/src/include/djl/"
fi
# 2. the JNI header, from the Java declarations of the natives
if [[ ! -f $B/src/jnih/ai_djl_pytorch_jni_PyTorchLibrary.h ]]; then
  [[ -x $JAVA_HOME/bin/javac ]] || die "no jnih/ in $SRC and no javac in $JAVA_HOME to generate it"
  mkdir -p "$B/src/jnih" "$B/cls"
  "$JAVA_HOME/bin/javac" -h "$B/src/jnih" -d "$B/cls" \
      "$B/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
fi
# 3. what newer libtorch removed (2.8+: c10::optional and c10::nullopt are std::; AutoNonVariableTypeMode is gone)
# (headers sit in native/ or include/ depending on the layout: edit every source and header found)
find "$B/src/native" "$B/src/include" -name '*.cc' -o -name '*.h' | xargs sed -i -e 's/c10::optional/std::optional/g' \
    -e 's/c10::nullopt/std::nullopt/g' -e 's/torch::AutoNonVariableTypeMode/at::AutoDispatchBelowAutograd/g' \
    -e 's/at::AutoNonVariableTypeMode/at::AutoDispatchBelowAutograd/g'
cp "$HERE/CMakeLists.txt" "$B/src/"
# 4. configure and build
VER=$(sed -n 's/.*TORCH_VERSION_MAJOR \([0-9]*\).*/\1/p' "$TORCH/include/torch/csrc/api/include/torch/version.h").$(sed -n 's/.*TORCH_VERSION_MINOR \([0-9]*\).*/\1/p' "$TORCH/include/torch/csrc/api/include/torch/version.h").$(sed -n 's/.*TORCH_VERSION_PATCH \([0-9]*\).*/\1/p' "$TORCH/include/torch/csrc/api/include/torch/version.h")
CUDA=OFF; FLAVOR=cpu
if ls "$TORCH"/lib/libtorch_cuda.so >/dev/null 2>&1; then
  CUDA=ON
  CV=$(python3 -c 'import torch; print(torch.version.cuda or "")' 2>/dev/null || true)
  FLAVOR=cu${CV//./}; [[ $FLAVOR == cu ]] && die "cannot tell the CUDA version of $TORCH; set PYTORCH_FLAVOR yourself"
  ARCH=${CUDA_ARCH:-$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1)}
  [[ -n $ARCH ]] && export TORCH_CUDA_ARCH_LIST=$ARCH
fi
GEN=(); command -v ninja >/dev/null && GEN=(-G Ninja)
cmake -S "$B/src" -B "$B/build" "${GEN[@]}" -DCMAKE_BUILD_TYPE=Release -DTorch_DIR="$TORCH/share/cmake/Torch" \
    -DJNI_INCLUDE="$JAVA_HOME/include" -DUSE_CUDA=$CUDA -Wno-dev > "$B/cmake.log" 2>&1 \
  || { tail -30 "$B/cmake.log"; die "cmake configure failed (log: $B/cmake.log)"; }
cmake --build "$B/build" -j "$(nproc)" > "$B/build.log" 2>&1 || { grep -m5 -A5 "error" "$B/build.log"; die "build failed (log: $B/build.log)"; }
# 5. install where DJL looks for the JNI of libtorch VER / FLAVOR
DEST=${DJL_CACHE_DIR:-$HOME/.djl.ai}/pytorch/$VER-$FLAVOR-linux-x86_64
mkdir -p "$DEST" && cp "$B/build/libdjl_torch.so" "$DEST/0.35.1-libdjl_torch.so"
echo "installed $DEST/0.35.1-libdjl_torch.so (libtorch $VER, $FLAVOR)"
echo "run align with:"
echo "  export PYTORCH_LIBRARY_PATH=$TORCH/lib PYTORCH_VERSION=$VER PYTORCH_FLAVOR=$FLAVOR DJL_CACHE_DIR=${DJL_CACHE_DIR:-$HOME/.djl.ai}"
echo "  export LD_LIBRARY_PATH=$TORCH/lib:\$LD_LIBRARY_PATH   # plus the folders of libcudart, cuDNN, cuBLAS (pip: nvidia/*/lib)"
echo "  java -Djna.library.path=<folder of libcudart.so> -jar align.jar ... --device gpu"
