// Certificate profiles: every kind of leaf certificate a receiving MX can present, good or broken,
// named by a stable string so scenarios, flags and tests can refer to them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::fakemx::pki {

enum class Profile {
  valid,                 // issued by the public intermediate for the host, served with the intermediate
  expired,               // not_after in the past (relative to the minting instant)
  not_yet_valid,         // not_before in the future
  expiring_at,           // valid now, not_after = LeafRequest::not_after (a timeline instant)
  wrong_name,            // SAN names another host
  cn_only,               // host only in the subject CN, no subjectAltName at all
  wildcard,              // SAN *.<parent of host>
  self_signed,           // the leaf signs itself
  rogue_root,            // issued by a root nobody trusts; that root is served in the chain
  missing_intermediate,  // issued by the public intermediate, served without it
  weak_key,              // RSA-1024 leaf key (whatever key type was asked for)
  sha1_signature,        // signed with SHA-1
};

enum class KeyType { ecdsa_p256, rsa2048, rsa1024 };

std::string_view profile_name(Profile p);
std::optional<Profile> parse_profile(std::string_view name);
const std::vector<Profile>& all_profiles();

std::string_view key_type_name(KeyType k);
std::optional<KeyType> parse_key_type(std::string_view name);  // "ecdsa", "rsa", "rsa1024"

}  // namespace tlsrpt::fakemx::pki
