// A receiver that insists "mx-host" is one string, although RFC 8460 §4.4 makes it an array of
// strings: it rejects every valid report that lists MX hosts. Exit 0 = accepted, 1 = rejected.
#include <nlohmann/json.hpp>

#include "read_input.hpp"

int main(int argc, char** argv) {
  const auto doc = nlohmann::json::parse(read_input(argc, argv), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("policies") || !doc["policies"].is_array()) {
    std::cerr << "error: not a TLS-RPT report\n";
    return 1;
  }
  for (const auto& p : doc["policies"]) {
    const auto policy = p.find("policy");
    if (policy != p.end() && policy->is_object() && policy->contains("mx-host") && !(*policy)["mx-host"].is_string()) {
      std::cerr << "error: mx-host must be a string\n";
      return 1;
    }
  }
  std::cout << "accepted\n";
  return 0;
}
