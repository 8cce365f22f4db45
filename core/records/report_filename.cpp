#include "core/records/report_filename.hpp"

#include <cctype>
#include <vector>

#include "core/util/domain_text.hpp"
#include "core/records/ascii_text.hpp"

namespace tlsrpt {
namespace {

using ascii::all_digits;

bool all_alnum(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

RecordResult<ReportFilename> parse_report_filename(std::string_view name) {
  RecordResult<ReportFilename> r;
  auto error = [&](std::size_t column, std::string message) { r.errors.push_back({column, std::move(message)}); };
  ReportFilename f;
  std::string_view stem;
  if (name.size() > 8 && name.substr(name.size() - 8) == ".json.gz") {
    stem = name.substr(0, name.size() - 8);
  } else if (name.size() > 5 && name.substr(name.size() - 5) == ".json") {
    stem = name.substr(0, name.size() - 5);
    f.gzipped = false;
  } else {
    error(0, "The filename does not end in \".json\" or \".json.gz\".");
    return r;
  }
  std::vector<std::string_view> fields;
  std::vector<std::size_t> columns;
  for (std::size_t start = 0;;) {
    const auto bang = stem.find('!', start);
    fields.push_back(stem.substr(start, bang == std::string_view::npos ? std::string_view::npos : bang - start));
    columns.push_back(start + 1);
    if (bang == std::string_view::npos) break;
    start = bang + 1;
  }
  if (fields.size() != 4 && fields.size() != 5) {
    error(0, "The filename has " + std::to_string(fields.size()) +
                 " \"!\"-separated fields; it needs sender!policy-domain!begin!end with an optional !unique-id.");
    return r;
  }
  if (!is_a_label_domain(fields[0])) error(columns[0], "The sender \"" + std::string(fields[0]) + "\" is not a domain name in A-labels.");
  if (!is_a_label_domain(fields[1]))
    error(columns[1], "The policy domain \"" + std::string(fields[1]) + "\" is not a domain name in A-labels.");
  const char* which[] = {"begin", "end"};
  std::int64_t stamps[2] = {0, 0};
  for (int k = 0; k < 2; ++k) {
    const auto field = fields[static_cast<std::size_t>(2 + k)];
    if (!all_digits(field) || field.size() > 15) {
      error(columns[static_cast<std::size_t>(2 + k)],
            std::string("The ") + which[k] + " timestamp \"" + std::string(field) + "\" is not a number of Unix seconds.");
      continue;
    }
    stamps[k] = std::stoll(std::string(field));
  }
  if (fields.size() == 5 && !all_alnum(fields[4]))
    error(columns[4], "The unique-id \"" + std::string(fields[4]) + "\" must be letters and digits only.");
  if (!r.errors.empty()) return r;
  if (stamps[0] > stamps[1]) r.warnings.push_back({columns[2], "The begin timestamp is after the end timestamp."});
  f.sender = std::string(fields[0]);
  f.policy_domain = std::string(fields[1]);
  f.begin = stamps[0];
  f.end = stamps[1];
  if (fields.size() == 5) f.unique_id = std::string(fields[4]);
  r.value = std::move(f);
  return r;
}

std::string build_report_filename(const ReportFilename& f) {
  std::string out = f.sender + "!" + f.policy_domain + "!" + std::to_string(f.begin) + "!" + std::to_string(f.end);
  if (!f.unique_id.empty()) out += "!" + f.unique_id;
  out += f.gzipped ? ".json.gz" : ".json";
  return out;
}

}  // namespace tlsrpt
