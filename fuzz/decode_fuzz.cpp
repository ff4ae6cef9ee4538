// libFuzzer target: decoding (BOM, UTF-8 validation, UTF-16, GB18030).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gazette/decode.h"
#include "gazette/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const char* enc : {"", "utf-16le", "gb18030"}) {
    try {
      gazette::Decoded d = gazette::decode(bytes, {enc});
      if (!gazette::is_valid_utf8(d.text())) __builtin_trap();  // decode promises UTF-8
    } catch (const gazette::InputError&) {
    }
  }
  return 0;
}
