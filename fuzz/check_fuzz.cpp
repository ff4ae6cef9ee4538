// libFuzzer target: reading an extraction (JSON/YAML) as gazette-check
// does, then every rule under the default profile.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gazette/check.h"
#include "gazette/error.h"
#include "gazette/schema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  gazette::LoadLimits limits;
  limits.max_bytes = 1 << 18;
  limits.max_nodes = 50000;
  try {
    YAML::Node node = gazette::load_document(in, limits);
    gazette::Issue issue = gazette::read_issue(node);
    gazette::Profile profile;
    (void)gazette::run_rules(issue, profile, nullptr, "fuzz");
  } catch (const gazette::InputError&) {
  } catch (const YAML::Exception&) {
  }
  return 0;
}
