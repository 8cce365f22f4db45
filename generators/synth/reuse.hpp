// Refilling a report in place: the synthesizer overwrites the caller's GeneratedReport field by
// field, so strings and vectors keep the capacity of the last report and a steady stream of reports
// allocates almost nothing.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::gen {

// The value inside `field`, engaged and emptied (its capacity kept).
inline std::string& reuse(std::optional<std::string>& field) {
  if (!field) field.emplace();
  field->clear();
  return *field;
}

template <typename T>
std::vector<T>& reuse(std::optional<std::vector<T>>& field) {
  if (!field) field.emplace();
  return *field;
}

// `out` = the pieces, one after another.
inline void assign(std::string& out, std::initializer_list<std::string_view> pieces) {
  out.clear();
  for (auto piece : pieces) out.append(piece);
}
inline void assign(std::optional<std::string>& out, std::initializer_list<std::string_view> pieces) {
  assign(reuse(out), pieces);
}

}  // namespace tlsrpt::gen
