#include "core/records/sts_record.hpp"

#include <cctype>

#include "core/records/tag_record.hpp"

namespace tlsrpt {

RecordResult<StsRecord> parse_sts_record(std::string_view txt) {
  RecordResult<StsRecord> r;
  auto split = records::split_tag_record(txt, "v=STSv1");
  r.warnings = std::move(split.warnings);
  if (!split.ok()) {
    r.errors = std::move(split.errors);
    return r;
  }
  StsRecord rec;
  bool saw_id = false;
  for (const auto& f : *split.value) {
    if (!records::is_ext_name(f.name)) {
      r.errors.push_back({f.column, "\"" + std::string(f.name) + "\" is not a valid field name."});
      continue;
    }
    if (f.name == "id") {
      bool alnum = !f.value.empty() && f.value.size() <= 32;
      for (char c : f.value) alnum = alnum && std::isalnum(static_cast<unsigned char>(c));
      if (!alnum) {
        r.errors.push_back({f.value_column, "The id \"" + std::string(f.value) + "\" must be 1 to 32 letters and digits."});
      } else if (saw_id) {
        r.warnings.push_back({f.column, "A second id= is ignored; the first one counts."});
      } else {
        rec.id = std::string(f.value);
      }
      saw_id = true;
      continue;
    }
    if (f.value.empty() || records::bad_ext_value_char(f.value) != std::string_view::npos) {
      const auto bad = f.value.empty() ? 0 : records::bad_ext_value_char(f.value);
      r.errors.push_back({f.value_column + bad, "The value of \"" + std::string(f.name) + "\" is empty or has a character that is not allowed."});
      continue;
    }
    rec.extensions.emplace_back(std::string(f.name), std::string(f.value));
  }
  if (!saw_id) r.errors.push_back({0, "The record has no \"id=\" field."});
  if (r.errors.empty()) r.value = std::move(rec);
  return r;
}

RecordResult<StsRecord> select_sts_record(const std::vector<std::string>& txt_rrs) {
  auto chosen = records::select_one(txt_rrs, "v=STSv1", "MTA-STS policy");
  if (!chosen.ok()) return {std::nullopt, std::move(chosen.errors), std::move(chosen.warnings)};
  auto r = parse_sts_record(txt_rrs[*chosen.value]);
  r.warnings.insert(r.warnings.begin(), chosen.warnings.begin(), chosen.warnings.end());
  return r;
}

RecordResult<StsRecord> select_sts_record(const std::vector<std::vector<std::string>>& txt_rr_strings) {
  return select_sts_record(records::join_txt_strings(txt_rr_strings));
}

}  // namespace tlsrpt
