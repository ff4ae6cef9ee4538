// libFuzzer target: schema loading and validation. The input is split at
// the first NUL byte: a schema, then an instance (both YAML or JSON).
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gazette/error.h"
#include "gazette/schema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::size_t nul = in.find('\0');
  std::string_view schema_text = in.substr(0, nul);
  std::string_view instance_text = nul == std::string_view::npos ? std::string_view("{}") : in.substr(nul + 1);
  gazette::LoadLimits limits;
  limits.max_bytes = 1 << 16;
  limits.max_nodes = 20000;
  try {
    gazette::Schema s = gazette::Schema::load(schema_text, "fuzz.yaml", limits);
    (void)s.validate(gazette::load_document(instance_text, limits));
  } catch (const gazette::InputError&) {
  } catch (const YAML::Exception&) {
  }
  return 0;
}
