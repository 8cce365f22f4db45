#include "tests/generators/helpers.hpp"

#include <fstream>
#include <sstream>

namespace tlsrpt::gen::test {

GenerationProfile profile_for(const std::string& personality, std::uint64_t count) {
  GenerationProfile p;
  p.seed = 7;
  p.count = count;
  p.reporters = {{personality, {}, {}, {}, 1}};
  p.domain_count = 8;
  p.days = 3;
  p.failing_policy_share = 0.7;
  return p;
}

ReportFactory factory_for(const std::string& personality, Format format, std::vector<std::string> chain,
                          MessageSigner* signer) {
  FactoryOptions o;
  o.format = format;
  o.chain = std::move(chain);
  o.signer = signer;
  return ReportFactory(profile_for(personality), o);
}

std::vector<std::string> keys_of(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.push_back(it.key());
  return keys;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace tlsrpt::gen::test
