// A report parser with a classic bug: it looks up "policies" and uses the result without checking
// that it was found. Malformed JSON is rejected politely (exit 1).
#include <nlohmann/json.hpp>

#include "read_input.hpp"

namespace {
const nlohmann::json* find(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}
}  // namespace

int main(int argc, char** argv) {
  const auto doc = nlohmann::json::parse(read_input(argc, argv), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    std::cerr << "error: not a JSON object\n";
    return 1;
  }
  const nlohmann::json* policies = find(doc, "policies");
  // The bug: no null check, so a report without "policies" dereferences a null pointer.
  std::cout << "policies: " << policies->size() << '\n';
  return 0;
}
