// Which vector loops run. Every AVX2 loop in the library has an SSE2 or
// scalar twin for CPUs without AVX2; on a CPU with it, the twin would only
// ever see the last bytes of an input. Setting GAZETTE_NO_AVX2 (any value)
// makes the twins run everywhere, so the tests cover them on any machine
// (`unit.no-avx2` in tests/CMakeLists.txt). Read once per process.
#pragma once

#include <cstdlib>

namespace gazette {

inline bool use_avx2() {
#if defined(__x86_64__) || defined(__i386__)
  static const bool yes = __builtin_cpu_supports("avx2") && std::getenv("GAZETTE_NO_AVX2") == nullptr;
  return yes;
#else
  return false;
#endif
}

}  // namespace gazette
