#include "fakemx/policy/cert_fault.hpp"

namespace tlsrpt::fakemx::policy {

std::optional<pki::Profile> cert_fault_profile(std::string_view fault_name) {
  if (fault_name.substr(0, kCertFaultPrefix.size()) != kCertFaultPrefix) return std::nullopt;
  const auto profile = pki::parse_profile(fault_name.substr(kCertFaultPrefix.size()));
  // A healthy certificate is no fault; expiring-at needs an instant, which set_identity() takes.
  if (profile == pki::Profile::valid || profile == pki::Profile::expiring_at) return std::nullopt;
  return profile;
}

std::vector<std::string> cert_fault_names() {
  std::vector<std::string> names;
  for (pki::Profile p : pki::all_profiles())
    if (cert_fault_profile(std::string(kCertFaultPrefix) + std::string(pki::profile_name(p))))
      names.push_back(std::string(kCertFaultPrefix) + std::string(pki::profile_name(p)));
  return names;
}

}  // namespace tlsrpt::fakemx::policy
