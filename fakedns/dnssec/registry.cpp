#include <cctype>
#include <stdexcept>
#include <utility>
#include <vector>

#include "fakedns/dnssec.hpp"
#include "fakedns/dnssec/breakage.hpp"

namespace tlsrpt::fakedns {
namespace detail {
namespace {

const std::vector<std::pair<std::string, BreakageFactory>>& registry() {
  static const std::vector<std::pair<std::string, BreakageFactory>> table{
      {"bad-signature", &make_bad_signature},
      {"expired-signatures", &make_expired_signatures},
      {"not-yet-valid-signatures", &make_not_yet_valid_signatures},
      {"missing-rrsig", &make_missing_rrsig},
      {"ds-mismatch", &make_ds_mismatch},
      {"unsigned", &make_unsigned},
  };
  return table;
}

}  // namespace

bool BreakageTarget::matches(const ldns_rdf* owner, std::uint16_t rrtype) const {
  if (type == 0 && !name && rrtype == LDNS_RR_TYPE_DNSKEY) return false;
  if (type != 0 && type != rrtype) return false;
  return !name || ldns_dname_compare(name.get(), owner) == 0;
}

BreakageTarget parse_breakage_target(const std::string& spec) {
  BreakageTarget t;
  if (spec.empty()) return t;
  const auto slash = spec.rfind('/');
  std::string name = spec.substr(0, slash);
  if (slash != std::string::npos) {
    const std::string type = spec.substr(slash + 1);
    t.type = static_cast<std::uint16_t>(ldns_get_rr_type_by_name(type.c_str()));
    if (t.type == 0) throw std::invalid_argument("unknown record type '" + type + "' in '" + spec + "'");
  }
  if (!name.empty()) {
    if (name.back() != '.') name += '.';
    t.name = parse_dname(name);
  }
  return t;
}

std::unique_ptr<Breakage> make_breakage(const std::string& spec) {
  const auto colon = spec.find(':');
  const std::string name = spec.substr(0, colon);
  const std::string target = colon == std::string::npos ? "" : spec.substr(colon + 1);
  for (const auto& [registered, factory] : registry())
    if (registered == name) return factory(target);
  std::string known;
  for (const auto& entry : registry()) known += (known.empty() ? "" : ", ") + entry.first;
  throw std::invalid_argument("unknown DNSSEC breakage '" + name + "' (known: " + known + ")");
}

}  // namespace detail

std::vector<std::string> dnssec_breakage_names() {
  std::vector<std::string> names;
  for (const auto& entry : detail::registry()) names.push_back(entry.first);
  return names;
}

DnssecOptions parse_dnssec_mode(std::string_view mode, UnixSeconds now) {
  DnssecOptions opts;
  opts.now = now;
  if (mode == "unsigned" || mode == "none") return opts;
  opts.sign = true;
  if (mode == "signed") return opts;
  constexpr std::string_view prefix = "bogus-";
  if (mode.substr(0, prefix.size()) != prefix)
    throw std::invalid_argument("DNSSEC mode must be unsigned, signed or bogus-<breakage>, not '" +
                                std::string(mode) + "'");
  const std::string spec(mode.substr(prefix.size()));
  detail::make_breakage(spec);  // validates the name and target now
  opts.breakages.push_back(spec);
  return opts;
}

}  // namespace tlsrpt::fakedns
