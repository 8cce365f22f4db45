// The suite's own DKIM key: report mail is signed with it, and the receiver must trust its record
// under every domain the suite signs as (--print-dkim-record prints them).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "generators/output/dkim.hpp"

namespace tlsrpt::conformance {

// `path` empty: a fresh key for this run. Otherwise the PEM at `path`, created (0600) when absent.
// Throws std::runtime_error when the file cannot be read, written or used.
gen::DkimKey suite_dkim_key(const std::filesystem::path& path);

// Every d= the suite signs with: the personalities' DKIM domains and the submitter-mismatch domain.
std::vector<std::string> signing_domains();

// Zone-file lines: `tlsrpt._domainkey.<domain>. IN TXT "v=DKIM1; k=rsa; s=tlsrpt; p=..."`, one per domain
// (the key split into 255-octet character-strings).
std::string dkim_zone_lines(const gen::DkimKey& key);

}  // namespace tlsrpt::conformance
