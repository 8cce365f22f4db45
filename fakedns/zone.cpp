#include "fakedns/zone.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "fakedns/ldns_util.hpp"

namespace tlsrpt::fakedns {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool same_type(const std::string& a, const std::string& b) { return lower(a) == lower(b); }

}  // namespace

Zone::Zone(std::string origin) {
  if (origin.empty()) throw std::invalid_argument("empty zone origin");
  if (origin.back() != '.') origin += '.';
  origin_ = detail::dname_text(detail::parse_dname(origin).get());
}

std::string Zone::absolute(const std::string& name) const {
  if (name.empty() || name == "@") return origin_;
  if (name.back() == '.') return detail::dname_text(detail::parse_dname(name).get());
  return detail::dname_text(detail::parse_dname(name + "." + origin_).get());
}

Zone& Zone::add_record(const std::string& name, const std::string& type, std::uint32_t ttl,
                       const std::string& rdata) {
  Record r{absolute(name), type, ttl, rdata};
  const auto apex = detail::parse_dname(origin_);
  const auto rr = detail::parse_record(r, apex.get());  // throws on a bad record
  if (!ldns_dname_is_subdomain(ldns_rr_owner(rr.get()), apex.get()) &&
      ldns_dname_compare(ldns_rr_owner(rr.get()), apex.get()) != 0)
    throw std::invalid_argument("record '" + r.name + "' is outside zone " + origin_);
  // Keep the canonical text of the name and type so later lookups compare equal.
  Record canonical = detail::to_record(rr.get());
  canonical.ttl = ttl;
  records_.push_back(std::move(canonical));
  return *this;
}

Zone& Zone::set_rrset(const std::string& name, const std::string& type, std::uint32_t ttl,
                      const std::vector<std::string>& rdatas) {
  // Validate everything first so a bad rdata leaves the zone unchanged.
  Zone staged(origin_);
  for (const auto& rd : rdatas) staged.add_record(name, type, ttl, rd);
  remove_rrset(name, type);
  for (auto& r : staged.records_) records_.push_back(std::move(r));
  return *this;
}

std::size_t Zone::remove_rrset(const std::string& name, const std::string& type) {
  const std::string abs = absolute(name);
  const auto before = records_.size();
  records_.erase(std::remove_if(records_.begin(), records_.end(),
                                [&](const Record& r) { return r.name == abs && same_type(r.type, type); }),
                 records_.end());
  return before - records_.size();
}

Zone& Zone::add_default_soa_ns(const std::string& ns_host) {
  const auto has = [&](const char* t) {
    return std::any_of(records_.begin(), records_.end(),
                       [&](const Record& r) { return r.name == origin_ && same_type(r.type, t); });
  };
  if (!has("SOA"))
    add_record("@", "SOA", 3600, absolute(ns_host) + " hostmaster." + origin_ + " 1 3600 900 604800 300");
  if (!has("NS")) add_record("@", "NS", 3600, absolute(ns_host));
  return *this;
}

Zone parse_zone_text(const std::string& text, const std::string& origin) {
  Zone zone(origin);
  const auto origin_rdf = detail::parse_dname(zone.origin());
  std::unique_ptr<FILE, int (*)(FILE*)> fp(fmemopen(const_cast<char*>(text.data()), text.size(), "r"),
                                           &std::fclose);
  if (text.empty()) return zone;
  if (!fp) throw std::runtime_error("cannot read zone text");
  ldns_zone* z = nullptr;
  int line = 0;
  const ldns_status st = ldns_zone_new_frm_fp_l(&z, fp.get(), origin_rdf.get(), 3600, LDNS_RR_CLASS_IN, &line);
  if (st != LDNS_STATUS_OK || !z)
    throw std::invalid_argument("zone " + zone.origin() + " line " + std::to_string(line) + ": " +
                                ldns_get_errorstr_by_id(st));
  detail::ZonePtr owned(z);
  auto add = [&](const ldns_rr* rr) {
    const Record r = detail::to_record(rr);
    zone.add_record(r.name, r.type, r.ttl, r.rdata);
  };
  if (ldns_zone_soa(z)) add(ldns_zone_soa(z));
  const ldns_rr_list* rrs = ldns_zone_rrs(z);
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(rrs); ++i) add(ldns_rr_list_rr(rrs, i));
  return zone;
}

Zone load_zone_file(const std::filesystem::path& file, const std::string& origin) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot open zone file " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse_zone_text(text.str(), origin);
}

}  // namespace tlsrpt::fakedns
