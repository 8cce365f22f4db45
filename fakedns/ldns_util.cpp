#include "fakedns/ldns_util.hpp"

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace tlsrpt::fakedns::detail {

std::string take_string(char* s) {
  if (!s) return {};
  std::string out(s);
  std::free(s);
  return out;
}

RdfPtr parse_dname(const std::string& name) {
  ldns_rdf* rdf = nullptr;
  if (name.empty() || ldns_str2rdf_dname(&rdf, name.c_str()) != LDNS_STATUS_OK || !rdf)
    throw std::invalid_argument("invalid domain name '" + name + "'");
  ldns_dname2canonical(rdf);
  return RdfPtr(rdf);
}

RrPtr parse_record(const Record& r, const ldns_rdf* origin) {
  if (ldns_get_rr_type_by_name(r.type.c_str()) == 0)
    throw std::invalid_argument("unknown record type '" + r.type + "'");
  const std::string line = r.name + " " + std::to_string(r.ttl) + " IN " + r.type + " " + r.rdata;
  ldns_rr* rr = nullptr;
  const ldns_status st = ldns_rr_new_frm_str(&rr, line.c_str(), r.ttl, origin, nullptr);
  if (st != LDNS_STATUS_OK || !rr)
    throw std::invalid_argument("invalid record '" + line + "': " + ldns_get_errorstr_by_id(st));
  ldns_dname2canonical(ldns_rr_owner(rr));
  return RrPtr(rr);
}

std::string dname_text(const ldns_rdf* name) {
  std::string s = take_string(ldns_rdf2str(name));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Record to_record(const ldns_rr* rr) {
  Record r;
  r.name = dname_text(ldns_rr_owner(rr));
  r.type = take_string(ldns_rr_type2str(ldns_rr_get_type(rr)));
  r.ttl = ldns_rr_ttl(rr);
  for (std::size_t i = 0; i < ldns_rr_rd_count(rr); ++i) {
    if (i) r.rdata += ' ';
    r.rdata += take_string(ldns_rdf2str(ldns_rr_rdf(rr, i)));
  }
  return r;
}

std::string rr_to_string(const ldns_rr* rr) {
  std::string s = take_string(ldns_rr2str(rr));
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  for (char& c : s)
    if (c == '\t') c = ' ';
  return s;
}

}  // namespace tlsrpt::fakedns::detail
