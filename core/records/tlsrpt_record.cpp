#include "core/records/tlsrpt_record.hpp"

#include <algorithm>
#include <cctype>

#include "core/records/tag_record.hpp"
#include "core/records/uri_text.hpp"
#include "core/util/domain_text.hpp"
#include "core/records/ascii_text.hpp"

namespace tlsrpt {
namespace {

using ascii::is_wsp;

using records::TagField;

bool is_lower_rua(std::string_view name) {
  return name.size() == 3 && std::tolower(static_cast<unsigned char>(name[0])) == 'r' &&
         std::tolower(static_cast<unsigned char>(name[1])) == 'u' && std::tolower(static_cast<unsigned char>(name[2])) == 'a';
}

// One URI of a rua list; errors and warnings go to `r`.
void read_uri(std::string_view uri, std::size_t column, TlsrptRecord& rec, RecordResult<TlsrptRecord>& r) {
  auto error = [&](std::size_t offset, std::string message) { r.errors.push_back({column + offset, std::move(message)}); };
  if (uri.empty()) return error(0, "A rua URI is empty (two commas, or a comma at an end).");
  for (std::size_t i = 0; i < uri.size(); ++i)
    if (is_wsp(uri[i])) return error(i, "A rua URI contains white space; separate URIs with \",\".");
  // ',' and ';' cannot reach here unescaped; '!' is the one RFC 8460 §3 adds to them.
  if (const auto bad = records::bad_uri_char(uri, "!"); bad != std::string_view::npos) {
    if (uri[bad] == '!') return error(bad, "\"!\" must be %-encoded as %21 in a rua URI.");
    if (uri[bad] == '%') return error(bad, "A \"%\" in a rua URI must start a %XX escape.");
    return error(bad, "The character \"" + std::string(1, uri[bad]) + "\" is not allowed in a URI; %-encode it.");
  }
  RuaUri out;
  out.uri = std::string(uri);
  out.column = column;
  const std::string scheme = records::uri_scheme(uri);
  if (scheme.empty()) return error(0, "The rua value \"" + std::string(uri) + "\" is not a URI (it has no scheme).");
  const std::string_view rest = uri.substr(scheme.size() + 1);
  if (scheme == "mailto") {
    const std::string mailbox = records::percent_decode(rest.substr(0, rest.find('?')));
    if (!is_addr_spec(mailbox)) return error(scheme.size() + 1, "The mailto: address \"" + mailbox + "\" is not an e-mail address.");
    out.scheme = RuaScheme::mailto;
    out.mailbox = mailbox;
  } else if (scheme == "https") {
    if (rest.substr(0, 2) != "//") return error(scheme.size() + 1, "An https: rua URI needs \"//\" and a host.");
    std::string_view authority = rest.substr(2, rest.find_first_of("/?#", 2) - 2);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    if (authority.empty() || authority.front() == ':')
      return error(scheme.size() + 3, "The https: rua URI has no host.");
    out.scheme = RuaScheme::https;
  } else {
    r.warnings.push_back({column, "The rua scheme \"" + scheme +
                                         ":\" is not supported by TLSRPT (only mailto: and https:); senders skip it."});
  }
  rec.rua.push_back(std::move(out));
}

void read_rua(const TagField& f, TlsrptRecord& rec, RecordResult<TlsrptRecord>& r) {
  std::size_t start = 0;
  for (;;) {
    const auto comma = f.value.find(',', start);
    std::string_view piece = f.value.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    std::size_t lead = 0;
    while (lead < piece.size() && is_wsp(piece[lead])) ++lead;
    piece.remove_prefix(lead);
    while (!piece.empty() && is_wsp(piece.back())) piece.remove_suffix(1);
    read_uri(piece, f.value_column + start + lead, rec, r);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
}

void read_extension(const TagField& f, TlsrptRecord& rec, RecordResult<TlsrptRecord>& r) {
  if (!records::is_ext_name(f.name)) {
    r.errors.push_back({f.column, "\"" + std::string(f.name) +
                                         "\" is not a valid field name (letters, digits, \"_\", \"-\", \".\"; at most 32)."});
    return;
  }
  if (f.value.empty()) {
    r.errors.push_back({f.value_column, "The field \"" + std::string(f.name) + "\" has an empty value."});
    return;
  }
  if (const auto bad = records::bad_ext_value_char(f.value); bad != std::string_view::npos) {
    r.errors.push_back({f.value_column + bad,
                        f.value[bad] == ' ' || f.value[bad] == '\t'
                            ? "The value of \"" + std::string(f.name) + "\" contains white space, which is not allowed."
                            : "The value of \"" + std::string(f.name) + "\" contains a character that is not allowed."});
    return;
  }
  if (is_lower_rua(f.name))
    r.warnings.push_back({f.column, "\"" + std::string(f.name) +
                                           "=\" is not \"rua=\" (tags are case-sensitive); it is read as an unknown extension."});
  rec.extensions.emplace_back(std::string(f.name), std::string(f.value));
}

}  // namespace

bool TlsrptRecord::has_supported_rua() const {
  return std::any_of(rua.begin(), rua.end(), [](const RuaUri& u) { return u.scheme != RuaScheme::unsupported; });
}

RecordResult<TlsrptRecord> parse_tlsrpt_record(std::string_view txt) {
  RecordResult<TlsrptRecord> r;
  auto split = records::split_tag_record(txt, "v=TLSRPTv1");
  r.warnings = std::move(split.warnings);
  if (!split.ok()) {
    r.errors = std::move(split.errors);
    return r;
  }
  TlsrptRecord rec;
  bool saw_rua = false;
  for (const auto& f : *split.value) {
    if (f.name == "rua") {
      saw_rua = true;
      read_rua(f, rec, r);
    } else {
      read_extension(f, rec, r);
    }
  }
  if (!saw_rua) r.errors.push_back({0, "The record has no \"rua=\" field, so reports have nowhere to go."});
  if (!r.errors.empty()) return r;
  if (!rec.has_supported_rua())
    r.warnings.push_back({0, "No rua URI uses a supported scheme (mailto: or https:); no report can be delivered."});
  r.value = std::move(rec);
  return r;
}

RecordResult<TlsrptRecord> select_tlsrpt_record(const std::vector<std::string>& txt_rrs) {
  auto chosen = records::select_one(txt_rrs, "v=TLSRPTv1", "TLSRPT policy");
  if (!chosen.ok()) return {std::nullopt, std::move(chosen.errors), std::move(chosen.warnings)};
  auto r = parse_tlsrpt_record(txt_rrs[*chosen.value]);
  r.warnings.insert(r.warnings.begin(), chosen.warnings.begin(), chosen.warnings.end());
  return r;
}

RecordResult<TlsrptRecord> select_tlsrpt_record(const std::vector<std::vector<std::string>>& txt_rr_strings) {
  return select_tlsrpt_record(records::join_txt_strings(txt_rr_strings));
}

}  // namespace tlsrpt
