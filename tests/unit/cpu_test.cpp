#include <doctest/doctest.h>

#include <cstdlib>

#include "../../lib/src/cpu.h"

// The hook that `unit.no-avx2` runs the whole unit suite under: with
// GAZETTE_NO_AVX2 set, no AVX2 loop may run (else that run would test the
// AVX2 loops a second time and the SSE2/scalar twins not at all).
TEST_CASE("cpu: GAZETTE_NO_AVX2 turns the AVX2 loops off") {
  if (std::getenv("GAZETTE_NO_AVX2") != nullptr) CHECK_FALSE(gazette::use_avx2());
  else CHECK(gazette::use_avx2() == static_cast<bool>(__builtin_cpu_supports("avx2")));
}
