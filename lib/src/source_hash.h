// Internal: SHA-256 of the raw input, for Issue::source (OpenSSL libcrypto).
#pragma once

#include <string>
#include <string_view>

namespace gazette {
std::string sha256_hex(std::string_view bytes);
}
