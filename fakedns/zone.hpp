// A zone as data: the scenario runner builds one from its description (add_record), or loads a
// plain RFC 1035 zone file. Records are validated by ldns as they are added, so a bad record is an
// error at the call site, not a broken answer later.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tlsrpt::fakedns {

// One resource record in presentation form. Names are absolute ("mx1.example.test.") or relative to
// the zone origin ("mx1", "@"); type is a mnemonic ("A", "TLSA"); rdata as in a zone file, e.g.
// "10 mx1.example.test." or "\"v=TLSRPTv1; \" \"rua=mailto:r@example.test\"" (multi-string TXT).
struct Record {
  std::string name;
  std::string type;
  std::uint32_t ttl = 300;
  std::string rdata;
};

class Zone {
 public:
  // origin: "example.test" or "example.test."; throws std::invalid_argument when not a valid name.
  explicit Zone(std::string origin);

  const std::string& origin() const { return origin_; }  // absolute, lower case, with trailing dot
  const std::vector<Record>& records() const { return records_; }

  // Adds one record (validated by ldns; throws std::invalid_argument with the reason). The name is
  // stored absolute; it must lie inside the zone.
  Zone& add_record(const std::string& name, const std::string& type, std::uint32_t ttl,
                   const std::string& rdata);
  // Replaces every record of that name and type with the given rdata (empty: removes the RRset).
  Zone& set_rrset(const std::string& name, const std::string& type, std::uint32_t ttl,
                  const std::vector<std::string>& rdatas);
  // Removes every record of that name and type; returns how many were removed.
  std::size_t remove_rrset(const std::string& name, const std::string& type);

  // Adds an SOA and one NS record at the apex with sensible defaults, if the zone has none yet.
  Zone& add_default_soa_ns(const std::string& ns_host = "ns1");

  // Absolute lower-case form of a name relative to this zone ("@" and "www" are accepted).
  std::string absolute(const std::string& name) const;

 private:
  std::string origin_;
  std::vector<Record> records_;
};

// Parses zone file text (RFC 1035 master format, $ORIGIN/$TTL supported) with ldns.
// Throws std::invalid_argument naming the line on a syntax error.
Zone parse_zone_text(const std::string& text, const std::string& origin);
Zone load_zone_file(const std::filesystem::path& file, const std::string& origin);

}  // namespace tlsrpt::fakedns
