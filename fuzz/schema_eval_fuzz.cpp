// libFuzzer target: schema evaluation against one fixed, realistic
// instance (fuzz/instance.json, the extraction of a small issue).
// The input is a schema (YAML or JSON); every one that loads is evaluated,
// so nested allOf / anyOf / $ref / patterns meet real data, under the step
// budget (kStepsPerNode) that keeps evaluation linear in the instance.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "gazette/error.h"
#include "gazette/schema.h"

namespace {

const YAML::Node& instance() {
  static const YAML::Node node = [] {
    std::ifstream in(GAZETTE_SOURCE_DIR "/fuzz/instance.json", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return gazette::load_document(s.str());
  }();
  return node;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const YAML::Node& fixed = instance();
  std::string_view schema_text(reinterpret_cast<const char*>(data), size);
  gazette::LoadLimits limits;
  limits.max_bytes = 1 << 16;
  limits.max_nodes = 20000;
  try {
    gazette::Schema s = gazette::Schema::load(schema_text, "fuzz.yaml", limits);
    (void)s.validate(fixed);
  } catch (const gazette::InputError&) {
  } catch (const YAML::Exception&) {
  }
  return 0;
}
