#include "core/records/tag_record.hpp"

#include <cctype>

#include "core/records/ascii_text.hpp"

namespace tlsrpt::records {
namespace {

using ascii::iequals;
using ascii::is_wsp;

// Whether `rr` starts with version *WSP ";" — and whether WSP came before the ";".
bool begins_with_version(std::string_view rr, std::string_view version, bool& spaced) {
  if (rr.substr(0, version.size()) != version) return false;
  std::size_t i = version.size();
  while (i < rr.size() && is_wsp(rr[i])) ++i;
  spaced = i > version.size();
  return i < rr.size() && rr[i] == ';';
}

}  // namespace

bool is_ext_name(std::string_view name) {
  if (name.empty() || name.size() > 32 || !std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') return false;
  return true;
}

std::size_t bad_ext_value_char(std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x21 || c > 0x7e || c == ';' || c == '=') return i;
  }
  return std::string_view::npos;
}

RecordResult<std::vector<TagField>> split_tag_record(std::string_view text, std::string_view version) {
  RecordResult<std::vector<TagField>> r;
  auto error = [&](std::size_t at, std::string message) {
    r.errors.push_back({at + 1, std::move(message)});
    return r;
  };
  if (text.substr(0, version.size()) != version) {
    if (iequals(text.substr(0, version.size()), version))
      return error(0, "The record must start with \"" + std::string(version) + "\" exactly; the tag and its value are case-sensitive.");
    return error(0, "The record does not start with \"" + std::string(version) + "\".");
  }
  std::vector<TagField> fields;
  std::size_t pos = version.size();
  if (pos < text.size() && !is_wsp(text[pos]) && text[pos] != ';')
    return error(pos, "\"" + std::string(version) + "\" must be followed by \";\".");
  for (;;) {
    std::size_t p = pos;
    while (p < text.size() && is_wsp(text[p])) ++p;
    if (p == text.size()) {
      if (fields.empty()) return error(p, "The record has no field after \"" + std::string(version) + "\".");
      if (p != pos) r.warnings.push_back({pos + 1, "White space after the last field is outside the grammar; it is ignored."});
      break;
    }
    if (text[p] != ';') return error(p, "Expected \";\" between fields, found \"" + std::string(1, text[p]) + "\".");
    ++p;
    while (p < text.size() && is_wsp(text[p])) ++p;
    if (p == text.size()) {
      if (fields.empty()) return error(p, "The record has no field after \"" + std::string(version) + ";\".");
      break;  // one trailing delimiter is allowed
    }
    if (text[p] == ';') return error(p, "There is an empty field between two \";\".");
    const std::size_t name_start = p;
    while (p < text.size() && text[p] != '=' && text[p] != ';' && !is_wsp(text[p])) ++p;
    if (p == text.size() || text[p] != '=') {
      if (p < text.size() && is_wsp(text[p]))
        return error(p, "No white space is allowed between a field name and \"=\".");
      return error(name_start, "The field \"" + std::string(text.substr(name_start, p - name_start)) + "\" has no \"=\".");
    }
    if (p == name_start) return error(p, "A field has an empty name before \"=\".");
    TagField f;
    f.name = text.substr(name_start, p - name_start);
    f.column = name_start + 1;
    ++p;
    if (p < text.size() && is_wsp(text[p])) return error(p, "No white space is allowed after \"=\".");
    const std::size_t value_start = p;
    while (p < text.size() && text[p] != ';') ++p;
    std::size_t value_end = p;
    while (value_end > value_start && is_wsp(text[value_end - 1])) --value_end;
    f.value = text.substr(value_start, value_end - value_start);
    f.value_column = value_start + 1;
    fields.push_back(f);
    pos = value_end;
  }
  r.value = std::move(fields);
  return r;
}

std::vector<std::string> join_txt_strings(const std::vector<std::vector<std::string>>& rrs) {
  std::vector<std::string> out;
  out.reserve(rrs.size());
  for (const auto& strings : rrs) {
    std::string joined;
    for (const auto& s : strings) joined += s;
    out.push_back(std::move(joined));
  }
  return out;
}

RecordResult<std::size_t> select_one(const std::vector<std::string>& rrs, std::string_view version, const char* what) {
  RecordResult<std::size_t> r;
  std::vector<std::size_t> candidates;
  bool spaced_any = false;
  for (std::size_t i = 0; i < rrs.size(); ++i) {
    bool spaced = false;
    if (begins_with_version(rrs[i], version, spaced)) {
      candidates.push_back(i);
      spaced_any = spaced_any || spaced;
    }
  }
  const std::string prefix = std::string(version) + ";";
  if (candidates.size() != 1) {
    r.errors.push_back({0, candidates.empty()
                                  ? "None of the " + std::to_string(rrs.size()) + " TXT records begins with \"" + prefix +
                                        "\", so there is no " + what + "."
                                  : std::to_string(candidates.size()) + " TXT records begin with \"" + prefix +
                                        "\"; with more than one, senders must assume there is no " + what + "."});
    return r;
  }
  if (spaced_any)
    r.warnings.push_back({version.size() + 1,
                          "White space before the first \";\" fits the ABNF but not the rule that the record begins with \"" +
                              prefix + "\" (erratum 6285); accepted."});
  r.value = candidates.front();
  return r;
}

}  // namespace tlsrpt::records
