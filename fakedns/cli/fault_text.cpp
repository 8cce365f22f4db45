#include "fakedns/cli/fault_text.hpp"

#include <sstream>
#include <stdexcept>

namespace tlsrpt::fakedns {
namespace {

template <typename T>
T number(const std::string& field, const std::string& value) {
  std::istringstream in(value);
  T out{};
  if (!(in >> out) || !in.eof() || out < T{}) throw std::invalid_argument("bad value in fault field '" + field + "'");
  return out;
}

}  // namespace

FaultSpec parse_fault_text(const std::string& text) {
  std::string spaced = text;
  for (char& c : spaced)
    if (c == ',') c = ' ';
  std::istringstream in(spaced);
  FaultSpec spec;
  std::string field;
  if (!(in >> spec.kind)) throw std::invalid_argument("empty fault");
  while (in >> field) {
    const auto eq = field.find('=');
    if (eq == std::string::npos) throw std::invalid_argument("fault field '" + field + "' is not key=value");
    const std::string key = field.substr(0, eq), value = field.substr(eq + 1);
    if (key == "name") spec.name = value;
    else if (key == "type") spec.type = value;
    else if (key == "count") spec.count = number<std::uint64_t>(field, value);
    else if (key == "p" || key == "probability") spec.probability = number<double>(field, value);
    else if (key == "delay") spec.delay = std::chrono::milliseconds(number<std::int64_t>(field, value));
    else throw std::invalid_argument("unknown fault field '" + key + "'");
  }
  return spec;
}

}  // namespace tlsrpt::fakedns
