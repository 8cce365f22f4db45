#include "fakemx/pki/profile.hpp"

#include <array>
#include <utility>

namespace tlsrpt::fakemx::pki {
namespace {

constexpr std::array<std::pair<Profile, std::string_view>, 12> kProfiles{{
    {Profile::valid, "valid"},
    {Profile::expired, "expired"},
    {Profile::not_yet_valid, "not-yet-valid"},
    {Profile::expiring_at, "expiring-at"},
    {Profile::wrong_name, "wrong-name"},
    {Profile::cn_only, "cn-only"},
    {Profile::wildcard, "wildcard"},
    {Profile::self_signed, "self-signed"},
    {Profile::rogue_root, "rogue-root"},
    {Profile::missing_intermediate, "missing-intermediate"},
    {Profile::weak_key, "weak-key"},
    {Profile::sha1_signature, "sha1-signature"},
}};

constexpr std::array<std::pair<KeyType, std::string_view>, 3> kKeyTypes{{
    {KeyType::ecdsa_p256, "ecdsa"},
    {KeyType::rsa2048, "rsa"},
    {KeyType::rsa1024, "rsa1024"},
}};

}  // namespace

std::string_view profile_name(Profile p) {
  for (const auto& [profile, name] : kProfiles)
    if (profile == p) return name;
  return "unknown";
}

std::optional<Profile> parse_profile(std::string_view name) {
  for (const auto& [profile, n] : kProfiles)
    if (n == name) return profile;
  return std::nullopt;
}

const std::vector<Profile>& all_profiles() {
  static const std::vector<Profile> all = [] {
    std::vector<Profile> v;
    for (const auto& entry : kProfiles) v.push_back(entry.first);
    return v;
  }();
  return all;
}

std::string_view key_type_name(KeyType k) {
  for (const auto& [key, name] : kKeyTypes)
    if (key == k) return name;
  return "unknown";
}

std::optional<KeyType> parse_key_type(std::string_view name) {
  for (const auto& [key, n] : kKeyTypes)
    if (n == name) return key;
  return std::nullopt;
}

}  // namespace tlsrpt::fakemx::pki
