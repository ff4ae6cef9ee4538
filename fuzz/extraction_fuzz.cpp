// libFuzzer target: one extraction (JSON or YAML) through everything
// gazette-check does with it, under the production limits: load_extraction
// (node ceiling scaled by size, alias expansion counted), read_issue, the
// shipped issue schema, the chuxiong profile's rules, and the findings
// rendered in every report format. check_fuzz covers the rules with a
// looser reader; this target is the policy an archive from strangers meets.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "gazette/check.h"
#include "gazette/error.h"
#include "gazette/report.h"
#include "gazette/schema.h"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Shipped {
  gazette::Schema issue_schema;
  gazette::Profile profile;
};

const Shipped& shipped() {
  static const Shipped s = [] {
    const std::string dir = GAZETTE_SOURCE_DIR "/schemas/";
    gazette::Schema profile_schema = gazette::Schema::load(slurp(dir + "profile.schema.yaml"), "profile.schema.yaml");
    gazette::Profile profile =
        gazette::load_profile(slurp(dir + "profiles/chuxiong.yaml"), "chuxiong.yaml", profile_schema);
    return Shipped{gazette::Schema::load(slurp(dir + "issue.schema.yaml"), "issue.schema.yaml"), std::move(profile)};
  }();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Shipped& s = shipped();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  try {
    (void)gazette::looks_like_extraction(in);
    YAML::Node extraction = gazette::load_extraction(in);
    gazette::Issue issue = gazette::read_issue(extraction);
    auto findings = gazette::schema_findings(s.issue_schema.validate(extraction), extraction, s.profile, "fuzz.json");
    auto from_rules = gazette::run_rules(issue, s.profile, nullptr, "fuzz.json");
    findings.insert(findings.end(), from_rules.begin(), from_rules.end());
    const std::map<std::string, const gazette::Text*> no_sources;
    for (auto format : {gazette::ReportFormat::text, gazette::ReportFormat::json, gazette::ReportFormat::sarif,
                        gazette::ReportFormat::github}) {
      std::ostringstream out;
      gazette::render_findings(findings, format, no_sources, "fuzz", out);
    }
  } catch (const gazette::InputError&) {
  } catch (const YAML::Exception&) {
  }
  return 0;
}
